package dev.kiln.daemon;

/** Told when each Solve starts and ends (in pairs, from any thread); implementations are thread-safe. */
interface BuildActivity {
  BuildActivity NONE = new BuildActivity() {
    @Override
    public void started() {}

    @Override
    public void ended() {}
  };

  void started();

  void ended();
}

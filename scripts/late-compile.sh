# Sourced by ./kiln and ./kilnd: JIT thresholds 10x the JDK's for method calls, so a method is
# compiled (C1, then C2) only after 10x the usual number of calls. A build runs most methods a few
# thousand times (once per file, per entry, per request), and C2 compiled hundreds of them for
# nothing. Loops keep their usual back-edge thresholds, so hashing and compression still reach C2
# and its intrinsics as soon as before. Measured effects: docs/daemon.md, "JIT thresholds", and
# the comments in ./kiln and ./kilnd.
late_compile="-XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000"
late_compile="$late_compile -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000"

#!/usr/bin/env python3
"""Writes a deterministic 3-layer OCI image layout (~300 MB uncompressed) for pull-unpack.sh.

Layer 1: ~15k small text-like files in nested dirs (many inodes, compressible).
Layer 2: ten 10 MB files of random bytes (incompressible, throughput-bound).
Layer 3: fifty 2.8 MB half-compressible files plus symlinks, hardlinks and a whiteout.
Usage: make-layout.py DIR TAG
"""
import gzip, hashlib, io, json, os, random, sys, tarfile

MTIME = 1700000000


def tar_layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for kind, name, payload, mode in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.mode, info.uid, info.gid = MTIME, mode, 0, 0
            if kind == "dir":
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif kind == "file":
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
            elif kind in ("symlink", "hardlink"):
                info.type = tarfile.SYMTYPE if kind == "symlink" else tarfile.LNKTYPE
                info.linkname = payload
                tar.addfile(info)
    return buf.getvalue()


def texty(rnd, n):
    # 16 letters and spaces: about 2:1 under gzip, like source trees and text files.
    return rnd.randbytes(n).translate(bytes((b"abcdefghijklmnop \n" * 15)[i] for i in range(256)))


def layer1(rnd):
    entries = [("dir", "usr", None, 0o755), ("dir", "usr/share", None, 0o755)]
    for d in range(150):
        base = f"usr/share/pkg{d:03d}"
        entries.append(("dir", base, None, 0o755))
        for f in range(100):
            entries.append(("file", f"{base}/file{f:03d}.txt", texty(rnd, rnd.randint(1000, 7000)), 0o644))
    entries.append(("file", "usr/share/doomed", b"removed by layer 3\n", 0o644))
    return entries


def layer2(rnd):
    entries = [("dir", "opt", None, 0o755), ("dir", "opt/blobs", None, 0o755)]
    for i in range(10):
        entries.append(("file", f"opt/blobs/random{i}.bin", rnd.randbytes(10 << 20), 0o644))
    return entries


def layer3(rnd):
    entries = [("dir", "srv", None, 0o755)]
    for i in range(50):
        half = 1400 << 10
        entries.append(("file", f"srv/mixed{i:02d}.dat", rnd.randbytes(half) + texty(rnd, half), 0o644))
        entries.append(("symlink", f"srv/link{i:02d}", f"mixed{i:02d}.dat", 0o777))
    entries.append(("hardlink", "srv/hard00", "srv/mixed00.dat", 0o644))
    entries.append(("file", "usr/share/.wh.doomed", b"", 0o644))
    return entries


def write_blob(root, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(root, "blobs", "sha256", digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}


def main():
    root, tag = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(root, "blobs", "sha256"), exist_ok=True)
    rnd = random.Random(20240601)
    layers, diff_ids = [], []
    for build in (layer1, layer2, layer3):
        tar = tar_layer(build(rnd))
        diff_ids.append("sha256:" + hashlib.sha256(tar).hexdigest())
        gz = gzip.compress(tar, compresslevel=6, mtime=0)
        layers.append(dict(mediaType="application/vnd.oci.image.layer.v1.tar+gzip", **write_blob(root, gz)))
        print(f"layer {len(layers)}: {len(tar) >> 20} MiB tar, {len(gz) >> 20} MiB gzip", file=sys.stderr)
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": dict(mediaType="application/vnd.oci.image.config.v1+json", **write_blob(root, config)),
                           "layers": layers}).encode()
    entry = dict(mediaType="application/vnd.oci.image.manifest.v1+json", **write_blob(root, manifest),
                 annotations={"org.opencontainers.image.ref.name": tag})
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [entry]}, f)
    with open(os.path.join(root, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)


if __name__ == "__main__":
    main()

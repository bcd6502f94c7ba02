#!/bin/bash
# Builds dirsync_VERSION_all.deb from the unpacked distribution folder with dpkg-deb:
#   /opt/dirsync/...                       the distribution (bin/dirsync, lib/, config/, docs)
#   /usr/bin/dirsync                       a link to the launcher
#   /lib/systemd/system/dirsync.service    the unit (not enabled nor started: configure first)
#   /usr/lib/sysusers.d/dirsync.conf       the dirsync user, created by postinst
#   /usr/lib/tmpfiles.d/dirsync.conf       /etc/dirsync, /etc/dirsync/credentials, /var/lib/dirsync
# usage: build-deb.sh DIST_DIR VERSION OUT_DIR
set -euo pipefail
dist=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
# Debian versions cannot carry Maven's "-SNAPSHOT" as is: 0.1.0-SNAPSHOT becomes 0.1.0~snapshot.
debversion=${version/-SNAPSHOT/~snapshot}
root="$out/deb-root"
rm -rf "$root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/lib/systemd/system" "$root/usr/lib/sysusers.d" \
  "$root/usr/lib/tmpfiles.d" "$root/DEBIAN"
cp -a "$dist" "$root/opt/dirsync"
ln -s /opt/dirsync/bin/dirsync "$root/usr/bin/dirsync"
install -m 0644 "$dist/config/dirsync.service" "$root/lib/systemd/system/dirsync.service"
install -m 0644 "$dist/config/dirsync.sysusers.conf" "$root/usr/lib/sysusers.d/dirsync.conf"
install -m 0644 "$dist/config/dirsync.tmpfiles.conf" "$root/usr/lib/tmpfiles.d/dirsync.conf"
size=$(du -sk "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@SIZE@/$size/" "$here/control" > "$root/DEBIAN/control"
for s in postinst prerm postrm; do
  install -m 0755 "$here/$s" "$root/DEBIAN/$s"
done
# gzip: the jars are compressed already, xz would only cost build time
dpkg-deb -Zgzip --root-owner-group --build "$root" "$out/dirsync_${debversion}_all.deb" >/dev/null
rm -rf "$root"
echo "built $out/dirsync_${debversion}_all.deb"

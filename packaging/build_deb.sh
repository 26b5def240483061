#!/usr/bin/env bash
# make deb: dist/rosterapp_<version>_amd64.deb, a PyInstaller one-folder build under /opt/rosterapp.
#
#   packaging/build_deb.sh [PYTHON]     PYTHON: the venv's interpreter holding rosterapp's
#                                       dependencies and PyInstaller (default .venv/bin/python)
#
# The bundle carries its own Python, Qt and libraries: nothing is downloaded at install or start.
# Its files are owned by root in the package (dpkg-deb --root-owner-group), whoever builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${1:-.venv/bin/python}
VERSION=$("$PY" -c 'import re, pathlib; print(re.search(r"__version__ = \"(.+?)\"", pathlib.Path("rosterapp/__init__.py").read_text()).group(1))')
ARCH=$(dpkg --print-architecture)
WORK=build/deb
STAGE=$WORK/root
OUT=dist/rosterapp_${VERSION}_${ARCH}.deb

rm -rf "$WORK/pyinstaller" "$STAGE"
mkdir -p "$WORK" dist
# PYTHONPATH: this tree's rosterapp, also when the venv's editable install points at another checkout.
PYTHONPATH=$ROOT "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/pyinstaller/dist" --workpath "$WORK/pyinstaller/work" packaging/rosterapp.spec

mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/DEBIAN"
cp -a "$WORK/pyinstaller/dist/rosterapp" "$STAGE/opt/rosterapp"
ln -s /opt/rosterapp/rosterapp "$STAGE/usr/bin/rosterapp"
install -m 644 packaging/rosterapp.desktop "$STAGE/usr/share/applications/rosterapp.desktop"
for png in resources/icons/rosterapp-*.png; do
    size=${png##*-}; size=${size%.png}
    install -D -m 644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/rosterapp.png"
done
install -D -m 644 resources/icons/rosterapp.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/rosterapp.svg"
# Group- and world-readable whatever the builder's umask.
chmod -R u+rwX,go+rX,go-w "$STAGE"

SIZE_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
# What a Qt window needs from the system (the bundle carries most of it too; the system's copies
# serve the desktop's own plugins), a CJK font for the Chinese text, fontconfig to find it.
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: rosterapp
Version: $VERSION
Architecture: $ARCH
Maintainer: rosterapp maintainers <rosterapp@localhost>
Installed-Size: $SIZE_KB
Section: misc
Priority: optional
Depends: libc6 (>= 2.36), libgl1, libegl1, libfontconfig1, fontconfig, fonts-noto-cjk, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0, libxcb-randr0, libxcb-xinerama0, libxcb-xkb1, libdbus-1-3, libglib2.0-0
Recommends: libcups2
Description: duty roster and security task planner (排班与勤务计划)
 Monthly duty rosters of Beijing's urban fire detachments, post boards for
 major-event security tasks, printed shift sheets and HQ Excel workbooks.
 A self-contained build (its own Python and Qt) under /opt/rosterapp; the
 command is rosterapp, the applications menu lists 排班与勤务计划.
CONTROL
cat > "$STAGE/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTINST
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
sed -i 's/= configure/= remove/' "$STAGE/DEBIAN/postrm"
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

rm -f "$OUT"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$OUT" >/dev/null
echo "$OUT: $(du -m "$OUT" | cut -f1) MB, installed $((SIZE_KB / 1024)) MB"

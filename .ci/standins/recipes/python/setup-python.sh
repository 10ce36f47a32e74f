#!/bin/sh
# Make Debian's /usr/bin/pythonX.Y behave like the official image's /usr/local python.
# Usage: setup-python.sh PYTHON_BIN SUITE WHEELHOUSE_NOTE   (e.g. python3.13 trixie "...")
set -eu

py="$1"
suite="$2"
note="$3"
exe="/usr/bin/$py"
want="${py#python}"

[ -x "$exe" ] || { echo "setup-python: $exe is missing" >&2; exit 1; }

# PEP 668: the official image lets pip install into the system interpreter.
rm -f "/usr/lib/$py/EXTERNALLY-MANAGED"

# python, python3 and pythonX.Y on PATH (first) in /usr/local/bin, like the official image.
for name in python python3 "$py"; do
    ln -sf "$exe" "/usr/local/bin/$name"
done
if [ -x "/usr/bin/$py-config" ]; then
    ln -sf "/usr/bin/$py-config" /usr/local/bin/python3-config
    ln -sf "/usr/bin/$py-config" /usr/local/bin/python-config
fi

# pip itself, from the wheelhouse (a pip wheel can run itself), into /usr/local.
pip_wheel="$(find /wheelhouse -name 'pip-*.whl' | sort -V | tail -n 1)"
"$exe" "$pip_wheel/pip" install --no-index --find-links /wheelhouse --no-cache-dir \
    --root-user-action=ignore --disable-pip-version-check pip

# Checks: the interpreter really is the requested version; pip and venv work offline.
got="$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
[ "$got" = "$want" ] || { echo "setup-python: python is $got, wanted $want" >&2; exit 1; }
pip --version
python -m venv /tmp/venv-check
/tmp/venv-check/bin/python -m pip --version
rm -rf /tmp/venv-check
command -v useradd groupadd >/dev/null

full="$(python -c 'import platform; print(platform.python_version())')"
deb="$(dpkg-query -W -f='${Version}' "$py")"
mkdir -p /etc/newproj-standin
echo "Debian $suite $py $full (deb $deb) + $note" > /etc/newproj-standin/description
cat /etc/newproj-standin/description

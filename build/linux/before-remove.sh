#!/bin/bash
# deb prerm / rpm preun (passed to fpm as --before-remove): drops the /usr/bin/werkplek alternative
# when the package is removed, not when it is upgraded (deb: "remove"; rpm: 0 installs left).
set -e

case "$1" in
  remove | deconfigure | 0)
    if type update-alternatives >/dev/null 2>&1; then
      update-alternatives --remove werkplek /opt/Werkplek/bin/werkplek
    else
      rm -f /usr/bin/werkplek
    fi
    ;;
esac

exit 0

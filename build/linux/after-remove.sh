#!/bin/bash
# deb/rpm post-remove (passed to fpm as --after-remove): undoes after-install.sh.
set -e

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove werkplek /opt/Werkplek/bin/werkplek || true
else
  rm -f /usr/bin/werkplek
fi

profile=/etc/apparmor.d/werkplek
if [ -f "$profile" ]; then
  # Unload before deleting so the profile does not stay enforced until the next boot.
  if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --remove "$profile" || echo "werkplek: could not unload the AppArmor profile; it is gone after a reboot."
  fi
  rm -f "$profile"
fi

exit 0

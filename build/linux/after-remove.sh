#!/bin/bash
# deb postrm / rpm postun (passed to fpm as --after-remove): on removal (not on upgrade) unloads
# and deletes the AppArmor profile that after-install.sh installed.
set -e

case "$1" in
  remove | purge | 0)
    profile=/etc/apparmor.d/werkplek
    if [ -f "$profile" ]; then
      # Unload before deleting so the profile does not stay enforced until the next boot; not in a
      # chroot (image builds), where there is no kernel state to change.
      if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1 && ! { command -v ischroot >/dev/null 2>&1 && ischroot; }; then
        apparmor_parser --remove "$profile" || echo "werkplek: could not unload the AppArmor profile; it is gone after a reboot."
      fi
      rm -f "$profile"
    fi
    ;;
esac

exit 0

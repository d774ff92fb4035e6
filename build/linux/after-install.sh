#!/bin/bash
# deb/rpm post-install (passed to fpm as --after-install). Based on electron-builder's own
# template; differences: /usr/bin/werkplek points at the launcher script (bin/werkplek), errors
# are not ignored silently, and the AppArmor profile is Werkplek's (build/apparmor/werkplek).
set -e

app_dir='/opt/Werkplek'
launcher="$app_dir/bin/werkplek"

if type update-alternatives >/dev/null 2>&1; then
  # An older install may have left a plain symlink; update-alternatives refuses to replace it.
  if [ -L /usr/bin/werkplek ] && [ "$(readlink /usr/bin/werkplek)" != /etc/alternatives/werkplek ]; then
    rm -f /usr/bin/werkplek
  fi
  update-alternatives --install /usr/bin/werkplek werkplek "$launcher" 100
else
  ln -sf "$launcher" /usr/bin/werkplek
fi

# Chromium's sandbox needs unprivileged user namespaces; only where the kernel lacks them does
# chrome-sandbox have to be setuid root. Never fall back to --no-sandbox.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app_dir/chrome-sandbox"
else
  chmod 4755 "$app_dir/chrome-sandbox"
fi

if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications
fi

# Ubuntu 24.04+ restricts unprivileged user namespaces to profiles that allow them. The profile
# uses abi/4.0 and the userns rule, which older AppArmor (Ubuntu 22.04, Debian 12) rejects; there
# the sandbox works without it, so it is installed only where the parser accepts it.
if command -v apparmor_parser >/dev/null 2>&1 && apparmor_status --enabled >/dev/null 2>&1; then
  profile_source="$app_dir/resources/apparmor-profile"
  profile_target=/etc/apparmor.d/werkplek
  if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
    cp -f "$profile_source" "$profile_target"
    # Loading into the kernel makes no sense in a chroot (image builds); the next boot loads it.
    if ! { command -v ischroot >/dev/null 2>&1 && ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
    fi
  else
    echo "werkplek: this AppArmor does not support the bundled profile (abi/4.0); not installing it."
  fi
fi

exit 0

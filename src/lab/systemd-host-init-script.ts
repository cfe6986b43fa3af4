// The shell script that boots a systemd lab host: a copy-on-write root, then systemd-nspawn execs in its place.
//
// It runs under `unshare --mount --propagation private` (so its mounts stay out of the machine's
// namespace) in the machine's network namespace; nspawn puts the booted system into the host's own
// one (--network-namespace-path) and gives it pid, uts and ipc namespaces of its own. Arguments:
// host name, mount point (an empty dir of the state dir), the host's netns path, and a staging dir
// whose files (sshd_config, host key, root's authorized key) are copied into the root before boot,
// so ssh.service starts with them.
//
// Why each step (each found by trying, see README "systemd hosts"):
// - the process moves itself into a cgroup of its own (runbook-lab/NAME) first: with --keep-unit
//   nspawn creates `payload` and `supervisor` cgroups next to its own, which on a machine without
//   systemd is the root cgroup, shared by every host (a second host's boot fails on it);
// - --keep-unit --register=no: no systemd (no bus, no machined) runs on the machine itself;
// - a private tmpfs on /run/systemd/nspawn: nspawn keeps its propagation dirs there, which would
//   otherwise land in the machine's own /run;
// - a fresh /etc/machine-id: the machine's would be shared by every host (journald, DHCP ids, dbus).
// - CAP_NET_ADMIN: nspawn grants it only with --private-network, not with a namespace given by
//   path; without it keepalived cannot add the VIP (RTM_NEWADDR: Operation not permitted). It acts
//   on the host's own network namespace only (joining another one would need CAP_SYS_ADMIN).
export const SYSTEMD_HOST_INIT_SCRIPT = `#!/bin/sh
set -eu
host=$1 mnt=$2 netns=$3 stage=$4
for cg in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
  [ -e "$cg/cgroup.procs" ] || continue
  mkdir -p "$cg/runbook-lab/$host"
  echo $$ > "$cg/runbook-lab/$host/cgroup.procs"
  [ "$cg" = /sys/fs/cgroup ] && break
done
mkdir -p /run/systemd/nspawn
mount -t tmpfs -o mode=0755 runbook-lab-nspawn /run/systemd/nspawn
mount -t tmpfs -o mode=0755 runbook-lab-upper "$mnt"
mkdir -p "$mnt/upper" "$mnt/work" "$mnt/root"
chmod 0755 "$mnt/upper"
mount -t overlay runbook-lab-root -o "lowerdir=/,upperdir=$mnt/upper,workdir=$mnt/work" "$mnt/root"
r="$mnt/root"
cp -a "$stage/." "$r/"
tr -d '-' </proc/sys/kernel/random/uuid > "$r/etc/machine-id"
echo "$host" > "$r/etc/hostname"
grep -q "[[:space:]]$host\\$" "$r/etc/hosts" || printf '127.0.1.1\\t%s\\n' "$host" >> "$r/etc/hosts"
exec systemd-nspawn --boot --directory="$r" --machine="$host" --keep-unit --register=no --link-journal=no \\
  --console=pipe --network-namespace-path="$netns" --capability=CAP_NET_ADMIN </dev/null
`;

/** Where a systemd host's cgroups live in each hierarchy, relative to its root. */
export const LAB_CGROUP = 'runbook-lab';

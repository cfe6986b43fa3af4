// The shell script that becomes pid 1 of a lab host: builds its copy-on-write root, pivots into it, then reaps.
//
// It runs inside fresh mount, uts, ipc and pid namespaces (unshare) and the host's network
// namespace (nsenter), with mount propagation private, so nothing it mounts is seen by the
// machine. Arguments: host name, mount point (an empty dir of the state dir), ready-file name.
//
// The root is an overlay with lower `/` and its upper/work dirs on a tmpfs mounted in the host's
// own namespace: a different filesystem than `/`, so the overlay cannot contain itself (the
// kernel refuses overlapping layers), and it all vanishes with the host's mount namespace.
export const HOST_INIT_SCRIPT = `#!/bin/sh
set -eu
host=$1 mnt=$2 ready=$3
hostname "$host"
mount -t tmpfs -o mode=0755 runbook-lab-upper "$mnt"
mkdir -p "$mnt/upper" "$mnt/work" "$mnt/root"
chmod 0755 "$mnt/upper"
mount -t overlay runbook-lab-root -o "lowerdir=/,upperdir=$mnt/upper,workdir=$mnt/work" "$mnt/root"
r="$mnt/root"
mount --rbind /dev "$r/dev"
# Private /dev/shm (MariaDB, semaphores), /run (pid files, sockets; and no /run/systemd, so init
# scripts act themselves instead of redirecting to systemctl) and /tmp.
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$r/dev/shm"
mount -t tmpfs -o mode=0755,nosuid,nodev run "$r/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$r/tmp"
# proc mounted from inside the new pid namespace shows only the host's processes.
mount -t proc proc "$r/proc"
# sysfs of this network namespace; read-only so no write reaches the machine's kernel settings.
mount -t sysfs -o ro sysfs "$r/sys"
mkdir -p "$r/run/sshd" "$r/run/lock" "$r/run/oldroot"
chmod 1777 "$r/run/lock"
if id mysql >/dev/null 2>&1; then install -d -m 0755 -o mysql -g root "$r/run/mysqld"; fi
cd "$r"
pivot_root . run/oldroot
cd /
umount -l /run/oldroot
rmdir /run/oldroot
echo "$host" > /etc/hostname
grep -q "[[:space:]]$host\\$" /etc/hosts || printf '127.0.1.1\\t%s\\n' "$host" >> /etc/hosts
: > "/run/$ready"
trap 'exit 0' TERM INT
# pid 1 must reap the orphans daemons leave behind; the shell's wait reaps any child.
while :; do sleep 3600 & wait; done
`;

export const READY_FILE = 'runbook-lab-ready';

#!/bin/sh
# Creates the mysql user the server runs as, and the folders it writes. One
# uid/gid in every flavor (999, as in the official mariadb image), so a data
# volume moves between flavors without a chown. Run it before the package is
# installed, so the package finds the user and doesn't make its own.
set -eu
id=999
if id mysql >/dev/null 2>&1; then
  : # already there (a package made it): keep it
elif command -v useradd >/dev/null 2>&1; then
  groupadd --system --gid "$id" mysql
  useradd --system --uid "$id" --gid mysql --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin mysql
elif command -v adduser >/dev/null 2>&1; then
  # busybox (alpine)
  addgroup -S -g "$id" mysql
  adduser -S -D -H -u "$id" -G mysql -h /nonexistent -s /sbin/nologin mysql
else
  # the scratch base has no user tools, only the files
  echo "mysql:x:$id:$id:MariaDB:/nonexistent:/usr/sbin/nologin" >>/etc/passwd
  echo "mysql:x:$id:" >>/etc/group
fi
mkdir -p /var/lib/mysql /run/mysqld
chown mysql:mysql /var/lib/mysql /run/mysqld
chmod 750 /var/lib/mysql

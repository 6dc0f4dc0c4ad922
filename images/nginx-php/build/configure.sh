#!/bin/sh
# What both Debian-based flavors change after installing the packages.
set -eu
# The supervisor runs php-fpm, whatever PHP's version.
ln -s /usr/sbin/php-fpm8.2 /usr/local/bin/php-fpm
# nginx.conf serves the site; Debian's default site would listen beside it,
# and its welcome page (nginx-common's postinst puts it in the docroot) would
# be served beside the image's one neutral page.
rm -f /etc/nginx/sites-enabled/default /var/www/html/index.nginx-debian.html
# readline off in FPM: Alpine and EL7 build it into the CLI alone, and every
# flavor's PHP-FPM loads the same extensions.
phpdismod -s fpm readline
# PHP collects its own sessions (conf/php.ini), so the user it runs as must
# list their folder: the package makes it root's, mode 1733 (anyone writes,
# nobody lists), and Debian's cron job collects as root. app's (10001,
# shared/rootfs/add-app-user.sh) with the package's mode: another user still
# writes sessions there.
chown 10001:10001 /var/lib/php/sessions

#!/bin/sh
# What both Debian-based flavors change after installing the packages.
set -eu
# The supervisor runs php-fpm, whatever PHP's version.
ln -s /usr/sbin/php-fpm8.2 /usr/local/bin/php-fpm
# nginx.conf serves the site; Debian's default site would listen beside it.
rm -f /etc/nginx/sites-enabled/default
# readline off in FPM: Alpine and EL7 build it into the CLI alone, and every
# flavor's PHP-FPM loads the same extensions.
phpdismod -s fpm readline

# The seed's tiny parent: Alpine (musl, busybox, apk) with time zone data and
# the user app.
#
# Next Alpine release: change this tag and the alpine flavor's upstream.ref in
# src/catalog.ts together (the harness passes the catalog's, and
# suites/dockerfiles.test.ts checks they agree; the apk repositories follow
# /etc/alpine-release). Then check the names the other alpine Dockerfiles
# install on https://pkgs.alpinelinux.org/packages, above all phpNN (PHP's
# minor must stay the centos flavor's) and MariaDB's /etc/my.cnf.d file names
# (mariadb/alpine.Dockerfile), and record them in
# src/image-build/upstream-names.ts.
ARG ALPINE_IMAGE=alpine:3.24
FROM ${ALPINE_IMAGE}

# ALPINE_MIRROR: a site's own mirror or proxy. Images built FROM this one
# inherit the repositories.
ARG ALPINE_MIRROR=https://dl-cdn.alpinelinux.org/alpine
RUN set -eu; \
    branch="v$(cut -d. -f1,2 /etc/alpine-release)"; \
    printf '%s/%s/main\n%s/%s/community\n' "$ALPINE_MIRROR" "$branch" "$ALPINE_MIRROR" "$branch" \
      >/etc/apk/repositories

# The tag pins the release; apk takes that branch's current versions, as apt
# does for debian. alpine's image already has the CA bundle; naming it keeps it
# if that changes.
RUN apk add --no-cache ca-certificates-bundle tzdata

COPY shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["sh"]

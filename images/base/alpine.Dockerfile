# tiny/base:alpine: Alpine Linux (musl, busybox, apk), the seed's tiny parent,
# with time zone data and the non-root user app.
#
# Moving to the next Alpine release: change the tag below and the alpine
# flavor's upstream.ref in src/catalog.ts together (the harness passes the
# catalog's, and suites/dockerfiles.test.ts checks they agree); the apk
# repositories follow /etc/alpine-release by themselves. Then check, on
# https://pkgs.alpinelinux.org/packages for the new branch, the names the
# other alpine Dockerfiles install: above all which phpNN packages it ships
# (nginx-php's PHP minor must stay that of the centos flavor) and MariaDB's
# /etc/my.cnf.d file names (mariadb/alpine.Dockerfile).
ARG ALPINE_IMAGE=alpine:3.24
FROM ${ALPINE_IMAGE}

# The package mirror, for a site behind a proxy or without Internet access:
# --build-arg ALPINE_MIRROR=https://mirror.example/alpine. Children built
# FROM this image inherit its repositories.
ARG ALPINE_MIRROR=https://dl-cdn.alpinelinux.org/alpine
RUN set -eu; \
    branch="v$(cut -d. -f1,2 /etc/alpine-release)"; \
    printf '%s/%s/main\n%s/%s/community\n' "$ALPINE_MIRROR" "$branch" "$ALPINE_MIRROR" "$branch" \
      >/etc/apk/repositories

# The release is pinned by the tag; apk installs that branch's current
# versions, as apt does for the debian flavor. The CA bundle is already in
# alpine's own image (ca-certificates-bundle); naming it keeps it if that
# changes.
RUN apk add --no-cache ca-certificates-bundle tzdata

COPY shared/rootfs/add-app-user.sh /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh

ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER app
WORKDIR /home/app
CMD ["sh"]

# ab's Debian packages (packages.txt) whole, minus exclusions.txt and base's
# rules, FROM scratch, not tiny/base:scratch: a one-shot client needs none of
# the base's shell, time zone data or CA bundle (ab never verifies a
# certificate, so https works anyway).
# scratch-build: install rules-of=base
ARG DEBIAN_IMAGE=debian:bookworm-slim
ARG BASE_IMAGE=tiny/base:scratch
FROM ${BASE_IMAGE} AS base
FROM ${DEBIAN_IMAGE} AS build
# The lock's epoch, which the harness passes: what the build writes dates
# with (useradd's password ages) reads it (https://reproducible-builds.org/specs/source-date-epoch/).
ARG SOURCE_DATE_EPOCH
# npm run lock's TINY_LOCK=refresh: the newest packages, and their lock written.
ARG TINY_LOCK
# TINY_DEBIAN_SNAPSHOT's apt sources, which apt-install.sh installs from in place of the mirror's.
ARG TINY_APT_SOURCES

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
COPY ab/packages.txt ab/packages.lock ab/exclusions.txt /usr/local/lib/tiny-docker-images/ab/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/ab/packages.txt
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)
COPY ab/build/ /usr/local/lib/tiny-docker-images/
RUN sh /usr/local/lib/tiny-docker-images/add-app-user.sh
RUN sh /usr/local/lib/tiny-docker-images/make-ab-rootfs.sh /rootfs
# scratch-build: packages
# base's exclusion rules, not its files: nothing lies underneath.
COPY --from=base /usr/share/tiny-docker-images/exclusions/ /parent/usr/share/tiny-docker-images/exclusions/
# The packages' files, minus the exclusions, with their dpkg records (https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md).
RUN PARENT_PROVIDES=no sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs ab /parent
RUN sh /usr/local/lib/tiny-docker-images/check-libs.sh /rootfs
# scratch-build: end (from ../shared/scratch-build.Dockerfile, by npm run dockerfiles)

FROM scratch
COPY --from=build /rootfs/ /
USER app
WORKDIR /home/app
ENTRYPOINT ["/usr/bin/ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]

# The build stage every scratch image shares, in two parts. `npm run
# dockerfiles` (src/image-build/scratch-build.ts) writes each part into
# images/<image>/scratch.Dockerfile between the line that asks for it,
#   # scratch-build: install|packages [key=value ...]
# and "# scratch-build: end"; edit the parts here, never there (a unit test
# fails on a copy that is out of date, and says the command). What an image
# does its own way goes between the parts or after them, by hand.
#
# Keys (one value each; a list is comma-separated):
#   on=IMAGE         builds on tiny/IMAGE:scratch: what it has is not copied
#                    again and its exclusion rules apply after the image's own
#   rules-of=IMAGE   builds FROM scratch but follows IMAGE's exclusion rules
#   also=PKG,...     installed and copied beside packages.txt's packages
#   build-only=PKG,... installed for the build steps, not copied
#   before=FILE      a script of the image's folder, run before the packages
#                    are installed (so that they find what it makes)
#   then=SCRIPT      a script of the image's build/ (which the image copies),
#                    run on the root after the packages' files are laid out
#                    and before the libraries are checked
# A {{name}} alone on its line stands for zero or more lines.

# part: install
ARG DEBIAN_IMAGE=debian:bookworm-slim
{{parent-arg}}
{{parent-stage}}
FROM ${DEBIAN_IMAGE} AS build
# The lock's epoch, which the harness passes: what the build writes dates
# with (useradd's password ages) reads it (https://reproducible-builds.org/specs/source-date-epoch/).
ARG SOURCE_DATE_EPOCH
# npm run lock's TINY_LOCK=refresh: the newest packages, and their lock written.
ARG TINY_LOCK
# TINY_DEBIAN_SNAPSHOT's apt sources, which apt-install.sh installs from in place of the mirror's.
ARG TINY_APT_SOURCES

COPY shared/rootfs/apt-install.sh /usr/local/lib/tiny-docker-images/
{{before}}
COPY {{lists}} /usr/local/lib/tiny-docker-images/{{image}}/
RUN sh /usr/local/lib/tiny-docker-images/apt-install.sh /usr/local/lib/tiny-docker-images/{{image}}/packages.txt{{install-also}}
COPY shared/rootfs/ /usr/local/lib/tiny-docker-images/

# part: packages
{{parent-copy}}
# The packages' files, minus the exclusions, with their dpkg records (https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md).
RUN {{copy-env}}sh /usr/local/lib/tiny-docker-images/copy-packages.sh /rootfs {{image}}{{copy-args}}
{{then}}
RUN sh /usr/local/lib/tiny-docker-images/check-libs.sh /rootfs{{check-parent}}

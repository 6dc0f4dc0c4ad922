# tiny/ab:debian: Apache Bench from Debian's apache2-utils, the ordinary way,
# on tiny/base:debian.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
# Package versions follow the release (see images/base/scratch.Dockerfile).
RUN apt-get update \
 && apt-get install -y --no-install-recommends apache2-utils \
 && rm -rf /var/lib/apt/lists/*

USER app
ENTRYPOINT ["ab"]
# Without arguments ab would complain about them before its usage; -h prints
# the usage alone.
CMD ["-h"]

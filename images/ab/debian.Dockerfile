# Apache Bench from Debian's apache2-utils, installed the ordinary way.
ARG BASE_IMAGE=tiny/base:debian
FROM ${BASE_IMAGE}

USER root
# Package versions follow the release (see images/base/scratch.Dockerfile).
RUN apt-get update \
 && apt-get install -y --no-install-recommends apache2-utils \
 && rm -rf /var/lib/apt/lists/*

USER app
ENTRYPOINT ["ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]

# Apache Bench from Alpine's apache2-utils, as the seed's 14 MB tiny image
# had it.
ARG BASE_IMAGE=tiny/base:alpine
FROM ${BASE_IMAGE}

USER root
RUN apk add --no-cache apache2-utils

USER app
ENTRYPOINT ["ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]

# tiny/ab:alpine: Apache Bench from Alpine's apache2-utils on tiny/base:alpine,
# as the seed's 14 MB tiny image had it.
ARG BASE_IMAGE=tiny/base:alpine
FROM ${BASE_IMAGE}

USER root
RUN apk add --no-cache apache2-utils

USER app
ENTRYPOINT ["ab"]
# Without arguments ab would complain about them before its usage; -h prints
# the usage alone.
CMD ["-h"]

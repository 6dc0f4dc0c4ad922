# Apache Bench from CentOS 7's httpd-tools: the seed's original.
ARG BASE_IMAGE=tiny/base:centos
FROM ${BASE_IMAGE}

USER root
# ulimit -n: see base/centos.Dockerfile.
RUN ulimit -n 1024 \
 && yum install -y httpd-tools \
 && yum clean all \
 && rm -rf /var/cache/yum

USER app
ENTRYPOINT ["ab"]
# With no arguments ab prints an error before its usage; -h, the usage alone.
CMD ["-h"]

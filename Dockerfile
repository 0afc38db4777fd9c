# lethe in a container: built with Maven, run on a JRE as a non-root user, data in the /data volume.
# Docker was not available where this file was written: it was not built there (see docs/operations.md).
#
#   docker build -t lethe .
#   docker compose up -d          # lethe behind Caddy on a private network, see docker-compose.yml

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY lethe-api lethe-api
COPY lethe-collector lethe-collector
COPY lethe-ui lethe-ui
COPY lethe-service lethe-service
# The tests ran in CI; the image only needs the jar (lethe-bench is not copied, so not built).
RUN mvn -B -q -DskipTests -pl lethe-service -am package

# A glibc (Ubuntu) JRE: the jar keeps sqlite-jdbc's glibc native libraries only, not the musl ones.
FROM eclipse-temurin:17-jre
RUN groupadd --system lethe \
 && useradd --system --gid lethe --home-dir /data --no-create-home --shell /usr/sbin/nologin lethe \
 && mkdir -p /data /opt/lethe \
 && chown lethe:lethe /data
COPY --from=build /src/lethe-service/target/lethe.jar /opt/lethe/lethe.jar
COPY config.docker.yml /etc/lethe/config.yml

# A class-data archive written by a short training run (local mode on a scratch database, one read):
# starts then map lethe's classes instead of loading and verifying them, 1.6 s to ready instead of
# 2.4 s (docs/benchmarks.md). Should the run fail, the image still works: the JVM ignores a missing archive.
RUN mkdir /tmp/train && cd /tmp/train \
 && { LETHE_LOCAL_USER=train java -XX:ArchiveClassesAtExit=/opt/lethe/lethe.jsa -jar /opt/lethe/lethe.jar server & pid=$!; } \
 && for i in $(seq 150); do \
      bash -c "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /api/v1/sessions HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && cat <&3" \
        2>/dev/null | grep -q '^HTTP/1.1 200' && break; sleep 0.2; done; \
    kill -TERM "$pid"; wait "$pid"; cd / && rm -rf /tmp/train; true

USER lethe
WORKDIR /data
VOLUME ["/data"]
# 8080: the application (for the reverse proxy only); 8081: admin (probes, /metrics). Neither is published
# by docker-compose.yml.
EXPOSE 8080 8081

# Liveness on the admin port without curl (the JRE image has none) and without starting a JVM:
# bash's /dev/tcp speaks just enough HTTP. /healthz touches nothing, so a busy database never
# gets lethe restarted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The memory settings lethe is benchmarked with (docs/benchmarks.md): peak RSS stays near 430 MiB even
# while 64 MiB bodies arrive. The JVM reads JAVA_TOOL_OPTIONS itself; override it with docker run -e.
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k"

# exec form: java is PID 1 and gets docker stop's SIGTERM itself, so requests drain (shutdownGracePeriod).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/lethe/lethe.jsa", "-jar", "/opt/lethe/lethe.jar"]
CMD ["server", "/etc/lethe/config.yml"]

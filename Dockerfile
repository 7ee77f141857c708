# Routewise: build the production jar with the Maven wrapper, run it on a JRE as a non-root user.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline || true
COPY frontend frontend
COPY src src
RUN ./mvnw -B clean package -DskipTests && cp target/routewise.jar /routewise.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system routewise && useradd --system --gid routewise --home-dir /app routewise \
    && mkdir -p /app /data && chown routewise:routewise /app /data \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /routewise.jar /app/routewise.jar
USER routewise
ENV ROUTEWISE_DB_PATH=/data/routewise.db \
    ROUTEWISE_SECRET_KEY_FILE=/data/secret.key \
    DJL_CACHE_DIR=/app/.djl \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED"
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/routewise.jar"]

# syntax=docker/dockerfile:1
# The workbench image: one jar for every role (WORKBENCH_ROLE=ui|worker|all).
#   docker build -t prompt-workbench .
# For CUDA workers build with the CUDA natives instead of the CPU ones (README, "GPU workers"):
#   docker build --build-arg PYTORCH_NATIVE=pytorch-native-cu128 -t prompt-workbench:cuda .

# --- build: the Maven wrapper makes the jar, production frontend included ---
FROM eclipse-temurin:17-jdk AS build
# The wrapper downloads Maven with curl and unpacks it with unzip.
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY db db
COPY frontend frontend
COPY src src
ARG PYTORCH_NATIVE=pytorch-native-cpu
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.vaadin \
    ./mvnw -B -ntp -DskipTests -Dpytorch.native=${PYTORCH_NATIVE} package \
    && cp target/prompt-workbench.jar /prompt-workbench.jar

# --- run: a JRE 17 and the jar ---
FROM eclipse-temurin:17-jre
# curl for the health check; fonts for Java2D (the Sketchbook and contact sheets draw text).
RUN apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /app workbench
WORKDIR /app
COPY --from=build /prompt-workbench.jar /app/prompt-workbench.jar
USER workbench
# DJL unpacks PyTorch's natives under ~/.djl.ai (here /app/.djl.ai); ai.djl.offline=true is set in code.
ENV WORKBENCH_DATA_DIR=/app/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/prompt-workbench.jar"]

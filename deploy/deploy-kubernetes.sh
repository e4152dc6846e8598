#!/usr/bin/env bash
# Deploys one release to Kubernetes from the published overlays (deploy/generated/kubernetes/overlays/<environment>):
# pins the images to a registry and tag, applies, waits for the migrations Job and every rollout, then checks each
# service's /health/ready through a port-forward. The deploy workflow (.github/workflows/deploy.yml) runs it.
#   deploy/deploy-kubernetes.sh staging ghcr.io/acme/marketresearch 3f2c1e...      # the current kubectl context
#   DEPLOY_DRY_RUN=1 deploy/deploy-kubernetes.sh production ghcr.io/acme/marketresearch 1.4.2   # print the manifests only
# The cluster must already hold the Secret marketresearch-secrets (docs/operations.md#kubernetes).
# Env: DEPLOY_TIMEOUT (kubectl duration, default 10m).
set -euo pipefail
cd "$(dirname "$0")/.."

environment="${1:?usage: deploy/deploy-kubernetes.sh staging|production REGISTRY TAG}"
registry="${2:?usage: deploy/deploy-kubernetes.sh staging|production REGISTRY TAG}"
tag="${3:?usage: deploy/deploy-kubernetes.sh staging|production REGISTRY TAG}"
timeout="${DEPLOY_TIMEOUT:-10m}"
overlays="deploy/generated/kubernetes/overlays"
images=(api worker web migrations backup)
services=(api worker web)
health_port=18080

[[ -f "$overlays/$environment/kustomization.yaml" ]] || { echo "No overlay $overlays/$environment" >&2; exit 2; }
# Registries want lower-case repository names; GitHub owners may have capitals.
registry="${registry,,}"

# A throwaway kustomization on top of the overlay: the committed files stay as published.
release="$(mktemp -d "$overlays/.release-$environment.XXXXXX")"
trap 'rm -rf "$release"' EXIT
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  echo "- ../$environment"
  echo "images:"
  for image in "${images[@]}"; do
    echo "- name: marketresearch/$image"
    echo "  newName: $registry/$image"
    echo "  newTag: \"$tag\""
  done
} > "$release/kustomization.yaml"

manifests="$release/manifests.yaml"
kubectl kustomize "$release" > "$manifests"
namespace="$(awk '/^kind: Namespace$/ { found = 1 } found && /^  name: / { print $2; exit }' "$manifests")"
[[ -n "$namespace" ]] || { echo "The overlay declares no Namespace" >&2; exit 2; }

if [[ -n "${DEPLOY_DRY_RUN:-}" ]]; then
  cat "$manifests"
  exit 0
fi

echo "Deploying $registry/*:$tag to namespace $namespace ($environment)"
# A Job's pod template is immutable: the migrations Job of the previous release must go before this one is applied.
kubectl -n "$namespace" delete job migrations --ignore-not-found --wait=true
kubectl apply -f "$manifests"
kubectl -n "$namespace" wait --for=condition=complete job/migrations --timeout="$timeout"
for service in "${services[@]}"; do
  kubectl -n "$namespace" rollout status "deployment/$service" --timeout="$timeout"
done

# Readiness of each service, asked the way its probe asks, through a port-forward (the Ingress does not route /health).
for service in "${services[@]}"; do
  kubectl -n "$namespace" port-forward "service/$service" "$health_port:8080" >/dev/null &
  forward=$!
  ready=""
  for _ in $(seq 1 30); do
    if body="$(curl -fsS --max-time 5 "http://127.0.0.1:$health_port/health/ready" 2>/dev/null)"; then
      ready="$body"
      break
    fi
    sleep 1
  done
  kill "$forward" 2>/dev/null || true
  wait "$forward" 2>/dev/null || true
  [[ -n "$ready" ]] || { echo "$service: /health/ready did not answer 200" >&2; exit 1; }
  echo "$service: ready"
done
echo "Deployed $tag to $environment"

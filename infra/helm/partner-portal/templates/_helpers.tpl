{{/* The name of a service's objects: <release>-<service>. */}}
{{- define "partner-portal.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of a service's objects; the selector uses the first two. */}}
{{- define "partner-portal.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "partner-portal.labels" -}}
{{ include "partner-portal.selectorLabels" . }}
app.kubernetes.io/name: partner-portal
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "partner-portal.image" -}}
{{ .root.Values.image.repository }}/{{ .name }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{/*
The environment of a service's container (its Deployment and its migration Job alike): what every service reads,
Kafka's address and authentication, the gateway's issuer and the services' internal URLs, then the service's own
`env` and, from the secret, its `secretEnv`.
*/}}
{{- define "partner-portal.env" -}}
{{- $root := .root -}}
- name: PORT
  value: {{ .svc.port | quote }}
- name: HOST
  value: 0.0.0.0
- name: KAFKA_BROKERS
  value: {{ required "kafka.brokers is required" $root.Values.kafka.brokers | quote }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ $root.Values.kafka.topicPrefix | quote }}
{{- if $root.Values.kafka.sasl.mechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $root.Values.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
  value: {{ .name | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.name }}
      key: kafka-password-{{ .name }}
{{- end }}
{{- if $root.Values.kafka.ssl }}
- name: KAFKA_SSL
  value: 'true'
{{- if $root.Values.kafka.caSecret }}
- name: KAFKA_SSL_CA_FILE
  value: /etc/kafka-ca/ca.crt
{{- end }}
{{- end }}
{{- if $root.Values.tracing.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $root.Values.tracing.otlpEndpoint | quote }}
- name: OTEL_TRACES_SAMPLER
  value: {{ $root.Values.tracing.sampler | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $root.Values.tracing.samplerArg | quote }}
{{- end }}
{{- if eq .name "gateway" }}
- name: OIDC_ISSUER
  value: {{ required "oidc.issuer is required" $root.Values.oidc.issuer | quote }}
- name: OIDC_AUDIENCE
  value: {{ $root.Values.oidc.audience | quote }}
- name: OIDC_CLIENT_ID
  value: {{ $root.Values.oidc.clientId | quote }}
- name: OIDC_WEB_SCOPE
  value: {{ $root.Values.oidc.webScope | quote }}
{{- range $other, $otherSvc := $root.Values.services }}
{{- if ne $other "gateway" }}
- name: {{ $other | upper | replace "-" "_" }}_URL
  value: http://{{ include "partner-portal.fullname" (dict "root" $root "name" $other) }}:{{ $otherSvc.port }}
{{- end }}
{{- end }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- range $key, $secretKey := .svc.secretEnv }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.name }}
      key: {{ $secretKey }}
{{- end }}
{{- if .svc.migrate }}
{{- /* Services with a database: they accept the previous credentials while a rotation rolls out (docs/gateway.md). */}}
- name: GATEWAY_API_TOKEN_PREVIOUS
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.name }}
      key: gateway-api-token-previous
      optional: true
- name: OPERATOR_API_TOKEN_PREVIOUS
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.name }}
      key: operator-api-token-previous
      optional: true
{{- end }}
{{- end -}}

{{/* The pod's security: the image's non-root user, nothing writable but /tmp. */}}
{{- define "partner-portal.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 1000
  seccompProfile:
    type: RuntimeDefault
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "partner-portal.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: [ALL]
{{- end -}}

{{- define "partner-portal.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if and .root.Values.kafka.ssl .root.Values.kafka.caSecret }}
  - name: kafka-ca
    mountPath: /etc/kafka-ca
    readOnly: true
{{- end }}
{{- end -}}

{{- define "partner-portal.volumes" -}}
volumes:
  - name: tmp
    emptyDir: {}
{{- if and .root.Values.kafka.ssl .root.Values.kafka.caSecret }}
  - name: kafka-ca
    secret:
      secretName: {{ .root.Values.kafka.caSecret }}
{{- end }}
{{- end -}}

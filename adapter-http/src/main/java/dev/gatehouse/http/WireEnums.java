package dev.gatehouse.http;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The closed sets of wire values, for the OpenAPI document only. A DTO field stays a {@code String} (the
 * value comes from the core's {@code wire()} names) and names its set with
 * {@code @Schema(implementation = WireEnums.X.class)}, which the document renders as a shared
 * {@code enum} component. {@code @Schema(allowableValues = …)} is not used: micronaut-openapi's 3.1 mode
 * copies it verbatim into the schema beside the {@code enum} (ADR 33).
 */
@SuppressWarnings("unused")
final class WireEnums {
    private WireEnums() {
    }

    @Schema(name = "AccessRequestStatus", type = "string")
    enum AccessRequestStatus { pending, approved, rejected, cancelled, expired }

    @Schema(name = "ApiKeyStatus", type = "string")
    enum ApiKeyStatus { active, revoked, expired, rotating }

    @Schema(name = "ApproverRole", type = "string")
    enum ApproverRole { owner, admin, member }

    @Schema(name = "AssignmentStatus", type = "string")
    enum AssignmentStatus { active, expired }

    @Schema(name = "CheckStatus", type = "string")
    enum CheckStatus { up, down }

    @Schema(name = "Decision", type = "string")
    enum Decision { approved, rejected }

    @Schema(name = "DeliveryStatus", type = "string")
    enum DeliveryStatus { pending, retrying, success, failed }

    @Schema(name = "EntitlementRefusal", type = "string")
    enum EntitlementRefusal { LIMIT_EXCEEDED, FEATURE_NOT_IN_PLAN, UNKNOWN_FEATURE }

    @Schema(name = "EnvironmentKind", type = "string")
    enum EnvironmentKind { production, staging, development }

    @Schema(name = "FoundPermissionship", type = "string")
    enum FoundPermissionship { has_permission, conditional_permission }

    @Schema(name = "GrantStatus", type = "string")
    enum GrantStatus { active, revoked, expired }

    @Schema(name = "HealthStatus", type = "string")
    enum HealthStatus { ok, unavailable }

    @Schema(name = "InvitationStatus", type = "string")
    enum InvitationStatus { pending, expired, accepted, revoked }

    @Schema(name = "JwkKeyType", type = "string")
    enum JwkKeyType { OKP, EC }

    @Schema(name = "KeyType", type = "string")
    enum KeyType { organization, environment }

    @Schema(name = "KeyUse", type = "string")
    enum KeyUse { sig }

    @Schema(name = "MailStatus", type = "string")
    enum MailStatus { pending, retrying, sent, failed }

    @Schema(name = "OrganizationRole", type = "string")
    enum OrganizationRole { owner, admin, member, viewer }

    @Schema(name = "Permissionship", type = "string")
    enum Permissionship { has_permission, no_permission, conditional_permission }

    @Schema(name = "PrincipalKind", type = "string")
    enum PrincipalKind { api_key }

    @Schema(name = "ProjectStatus", type = "string")
    enum ProjectStatus { active, archived }

    @Schema(name = "RequestableRole", type = "string")
    enum RequestableRole { admin, member, viewer }

    @Schema(name = "ResourceType", type = "string")
    enum ResourceType { organization, project, environment }

    @Schema(name = "SessionRevokedReason", type = "string")
    enum SessionRevokedReason { logout, revoked, user_deactivated }

    @Schema(name = "SessionStatus", type = "string")
    enum SessionStatus { active, expired, revoked }

    @Schema(name = "SigningAlgorithm", type = "string")
    enum SigningAlgorithm { EdDSA, ES256 }

    @Schema(name = "SigningKeyStatus", type = "string")
    enum SigningKeyStatus { active, retired, expired }

    @Schema(name = "Tier", type = "string")
    enum Tier { free, starter, pro, agency, enterprise }

    @Schema(name = "TokenType", type = "string")
    enum TokenType { Bearer }

    @Schema(name = "UsagePeriod", type = "string")
    enum UsagePeriod { none, day, week, month, year }

    @Schema(name = "UserRoleSource", type = "string")
    enum UserRoleSource { membership, assignment }

    @Schema(name = "UserStatus", type = "string")
    enum UserStatus { active, deactivated }

    @Schema(name = "VerificationCode", type = "string")
    enum VerificationCode { VALID, NOT_FOUND, EXPIRED, REVOKED, INSUFFICIENT_SCOPES, DISABLED, RATE_LIMITED }
}

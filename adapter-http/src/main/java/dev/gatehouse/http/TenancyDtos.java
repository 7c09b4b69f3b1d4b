package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.IssuedInvitation;
import dev.gatehouse.core.tenancy.Member;
import dev.gatehouse.core.tenancy.Organization;
import io.micronaut.core.bind.annotation.Bindable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

import static dev.gatehouse.http.Dtos.time;

/**
 * The wire records of organizations, members and invitations. Request records list only what a
 * caller may set: {@code id}, {@code tier}, {@code created_at}, {@code deleted_at},
 * {@code organization_id} in a body are ignored like any unknown field.
 */
final class TenancyDtos {
    private TenancyDtos() {
    }

    private static final String ROLES = "owner, admin, member or viewer; custom roles are given with POST /api/v1/role-assignments (a role_… id here is 422)";

    @Dto
    @Schema(name = "OrganizationSettings")
    record SettingsView(@Schema(description = "IANA time zone", examples = {"Europe/London"}) String timezone,
                        @Schema(description = "BCP 47 language tag (en_GB is accepted as en-GB)", examples = {"en-GB"}) String locale) {
    }

    @Dto
    @Schema(name = "Organization")
    record OrganizationView(String id, String name, String slug,
                            @Schema(description = "Subscription tier; free until plan changes arrive; not settable here") String tier,
                            SettingsView settings,
                            @Schema(format = "date-time") String createdAt,
                            @Schema(format = "date-time") String updatedAt) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id().text(), o.name(), o.slug().value(), o.tier(),
                    new SettingsView(o.settings().timezone(), o.settings().locale()), time(o.createdAt()), time(o.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "OrganizationResponse")
    record OrganizationData(OrganizationView data) {
    }

    @Dto
    @Schema(name = "OrganizationList")
    record OrganizationList(List<OrganizationView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateOrganizationRequest")
    record CreateOrganizationRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
                                     @Schema(description = "a-z, 0-9 and single hyphens, at most 63; derived from the name when absent",
                                             maxLength = 63) String slug,
                                     @Schema(description = "Default: timezone UTC, locale en") SettingsView settings) {
    }

    @Dto
    @Schema(name = "UpdateOrganizationRequest", description = "Absent fields stay as they are")
    record UpdateOrganizationRequest(@Schema(maxLength = 200) String name, @Schema(maxLength = 63) String slug,
                                     @Schema(description = "The settings to change") SettingsView settings) {
    }

    @Dto
    @Schema(name = "Member")
    record MemberView(@Schema(description = "The membership, mem_…") String id, String organizationId, String userId,
                      String email, String name,
                      @Schema(implementation = WireEnums.OrganizationRole.class) String role,
                      @Schema(format = "date-time") String createdAt,
                      @Schema(format = "date-time") String updatedAt) {
        static MemberView of(Member m) {
            var ms = m.membership();
            return new MemberView(ms.id().text(), ms.organizationId().text(), ms.userId().text(), m.email(), m.name(),
                    ms.role().relation(), time(ms.createdAt()), time(ms.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "MemberResponse")
    record MemberData(MemberView data) {
    }

    @Dto
    @Schema(name = "MemberList")
    record MemberList(List<MemberView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "AddMemberRequest", description = "Give user_id or email of an existing user")
    record AddMemberRequest(@Schema(description = "The user's id; give this or email") String userId,
                            @Schema(description = "The user's email; give this or user_id") String email,
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ROLES) String role) {
    }

    @Dto
    @Schema(name = "ChangeMemberRoleRequest")
    record ChangeRoleRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ROLES) String role) {
    }

    @Dto
    @Schema(name = "Invitation")
    record InvitationView(String id, String organizationId, String email,
                          @Schema(implementation = WireEnums.OrganizationRole.class) String role,
                          @Schema(implementation = WireEnums.InvitationStatus.class) String status,
                          String invitedBy,
                          @Schema(format = "date-time") String expiresAt,
                          @Schema(format = "date-time") String acceptedAt,
                          @Schema(format = "date-time") String revokedAt,
                          @Schema(format = "date-time") String createdAt,
                          @Schema(format = "date-time") String updatedAt) {
        static InvitationView of(Invitation i, Instant now) {
            return new InvitationView(i.id().text(), i.organizationId().text(), i.email().value(), i.role().relation(),
                    i.status(now), i.invitedBy() == null ? null : i.invitedBy().text(), time(i.expiresAt()),
                    i.state() instanceof Invitation.Accepted a ? time(a.at()) : null,
                    i.state() instanceof Invitation.Revoked r ? time(r.at()) : null,
                    time(i.createdAt()), time(i.updatedAt()));
        }
    }

    @Dto
    @Schema(name = "IssuedInvitation", description = "An invitation with its token and link: returned once, at creation or re-send")
    record IssuedInvitationView(String id, String organizationId, String email, String role, String status, String invitedBy,
                                @Schema(format = "date-time") String expiresAt,
                                @Schema(format = "date-time") String createdAt,
                                @Schema(format = "date-time") String updatedAt,
                                @ShownOnce @Schema(description = "Secret; shown only now (only its SHA-256 is stored)") String token,
                                @ShownOnce @Schema(description = "The link to send the invitee; gatehouse.invitations.accept-url-base + token")
                                String acceptUrl) {
        static IssuedInvitationView of(IssuedInvitation issued, Instant now) {
            InvitationView v = InvitationView.of(issued.invitation(), now);
            return new IssuedInvitationView(v.id(), v.organizationId(), v.email(), v.role(), v.status(), v.invitedBy(),
                    v.expiresAt(), v.createdAt(), v.updatedAt(), issued.token(), issued.acceptUrl());
        }

        @Override
        public String toString() {
            return "IssuedInvitationView[" + id + "]"; // never the token
        }
    }

    @Dto
    @Schema(name = "IssuedInvitationResponse")
    record IssuedInvitationData(IssuedInvitationView data) {
    }

    @Dto
    @Schema(name = "InvitationList")
    record InvitationList(List<InvitationView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "CreateInvitationRequest")
    record CreateInvitationRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ROLES) String role,
                                   @Schema(minimum = "1", maximum = "30") @Bindable(defaultValue = "7") Integer expiresInDays) {
    }

    @Dto
    @Schema(name = "AcceptInvitationRequest", description = "Without a session only: the new account's name and password")
    record AcceptInvitationRequest(String name, String password) {
        @Override
        public String toString() {
            return "AcceptInvitationRequest[" + name + "]"; // never the password
        }
    }

    @Dto
    @Schema(name = "SignUp")
    record SignUpView(@ShownOnce String token, @Schema(implementation = WireEnums.TokenType.class) String tokenType,
                      @Schema(format = "date-time") String expiresAt, Dtos.UserView user, MemberView member) {
        @Override
        public String toString() {
            return "SignUp[" + user.id() + ", " + expiresAt + "]";
        }
    }

    @Dto
    @Schema(name = "SignUpResponse")
    record SignUpData(SignUpView data) {
    }
}

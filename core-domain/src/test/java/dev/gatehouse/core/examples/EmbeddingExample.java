package dev.gatehouse.core.examples;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.CheckPermission;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.keys.VerifyApiKey;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.Organization;

import java.util.List;

/** docs/embedding.md's example, verbatim: an organization, an API key, its verification and a permission check. */
public final class EmbeddingExample {
    public static void main(String[] args) {
        Gatehouse gatehouse = Gatehouse.inMemory(); // memory stores, local authorizer, system clock

        // A user, who creates an organization and becomes its owner
        User ada = gatehouse.identity().createUser().handle(new CreateUser.Command(Caller.system("setup"),
                "ada@example.com", "correct horse battery staple", "Ada", false)).value();
        Caller asAda = new Caller(new Principal.User(ada.id(), ada.email().value(), false), Origin.none());
        Organization acme = gatehouse.tenancy().createOrganization().handle(
                new CreateOrganization.Command(asAda, "Acme", null, null, null)).value();

        // An organization-wide API key: the secret is shown once, only its hash is stored
        IssueApiKey.Issued issued = gatehouse.keys().issueApiKey().handle(new IssueApiKey.Command(asAda, acme.id(),
                null, null, "backend", List.of("projects:read"), null, null)).value();
        String secret = issued.secret().reveal();

        // Verify a presented key and the scopes the call needs
        VerifyApiKey.Verification verified = gatehouse.keys().verifyApiKey().handle(
                new VerifyApiKey.Command(Caller.system("api-gateway"), secret, List.of("projects:read"))).value();
        System.out.println("key " + issued.key().id().text() + ": " + verified.code());   // VALID

        // Ask the authorizer: may Ada write projects in Acme? (she owns it)
        boolean mayWrite = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(Caller.system("api-gateway"),
                new ObjectRef("organization", acme.id().text()), "projects_write",
                SubjectRef.of("user", ada.id().text()))).value().allowed();
        System.out.println("ada may write projects: " + mayWrite);                       // true
    }
}

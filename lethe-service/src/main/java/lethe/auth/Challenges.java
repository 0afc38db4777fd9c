package lethe.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import lethe.api.ProblemCode;
import lethe.problem.ProblemException;

/** The 401 problems the auth filters answer with, carrying an RFC 6750 challenge where bearer tokens are accepted. */
final class Challenges {

    static final String REALM = "lethe";

    private Challenges() {
    }

    static ProblemException missingCredentials(boolean bearerAccepted) {
        Response.ResponseBuilder response = Response.status(401);
        if (bearerAccepted) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        }
        return new MissingCredentials(response.build());
    }

    /** The request carried no credentials this lethe reads (as opposed to wrong ones). */
    static final class MissingCredentials extends ProblemException {
        MissingCredentials(Response response) {
            super(ProblemCode.UNAUTHORIZED,
                    "No credentials were sent: sign in through the proxy or send a bearer token.", null, response);
        }
    }

    static ProblemException invalidToken(String why) {
        return unauthorized("The bearer token was refused: " + why,
                "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
    }

    static ProblemException unauthorized(String detail, String challenge) {
        Response.ResponseBuilder response = Response.status(401);
        if (challenge != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return new ProblemException(ProblemCode.UNAUTHORIZED, detail, null, response.build());
    }
}

package lethe.auth;

import java.util.Optional;

/** One kind of bearer token lethe understands (an OIDC JWT, a lethe API key). */
public interface BearerVerifier {

    /** True when the token is of this verifier's kind (by its shape alone, without checking it). */
    boolean recognises(String token);

    /**
     * The identity the token proves, or empty when it is forged, expired or otherwise not good.
     * May throw a {@link lethe.problem.ProblemException} when the token cannot be judged right now.
     */
    Optional<Identity> verify(String token);
}

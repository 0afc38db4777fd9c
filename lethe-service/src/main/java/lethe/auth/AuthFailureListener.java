package lethe.auth;

/** Told about every refused sign-in, so that operators can see attacks and misconfigured collectors. */
public interface AuthFailureListener {

    enum Reason {
        NO_CREDENTIALS, BAD_CREDENTIALS, NOT_ALLOWED, UNTRUSTED_PEER
    }

    void failed(Reason reason);

    AuthFailureListener NONE = reason -> { };
}

package lethe.config;

import lethe.LetheConfiguration;

import java.util.List;

/** Rules about the configuration as a whole that Bean Validation on single keys cannot express. */
public final class StartupChecks {

    private StartupChecks() {
    }

    public static void verify(LetheConfiguration config) {
        List<String> exposed = BindAddressCheck.nonLoopbackConnectors(config.getServerFactory());
        if (config.getAuth().isLocalMode()) {
            LocalModeRules.verify(config.getAuth(), exposed);
        }
        if (!exposed.isEmpty() && !config.isAllowNonLoopbackBind()) {
            throw new ConfigInvalidException("lethe binds loopback only, but " + String.join(", ", exposed)
                    + ". Bind 127.0.0.1, or set allow_non_loopback_bind: true if lethe runs in a private"
                    + " container network whose only other member is the reverse proxy (see README, trust model).");
        }
    }
}

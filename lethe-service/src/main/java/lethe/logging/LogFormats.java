package lethe.logging;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;

import java.util.List;

/**
 * Dropwizard's default text layouts show neither the request id nor the user. Every text appender
 * that sets no {@code logFormat} of its own gets one that does; JSON layouts carry both anyway (the
 * MDC for application logs, {@code requestAttributes} for the request log) and are left alone.
 */
public final class LogFormats {

    /** Dropwizard's default pattern with the request id and user (or "-") after the timestamp. */
    public static final String APPLICATION = "%-5p [%d{ISO8601,%dwTimeZone}] %X{request_id:--} %X{user:--} %c: %m%n%dwREx";

    /**
     * The common log format with the admitted user in place of {@code %u} (Jersey's security context
     * never reaches the servlet request) and the request id at the end. No header, cookie or body is logged.
     */
    public static final String REQUEST = "%h - %reqAttribute{user} [%t{dd/MMM/yyyy:HH:mm:ss Z,%dwTimeZone}] \"%r\" %s %b"
            + " \"%i{Referer}\" \"%i{User-Agent}\" %D %reqAttribute{request_id}";

    private LogFormats() {
    }

    public static void applyDefaults(Configuration config) {
        if (config.getLoggingFactory() instanceof DefaultLoggingFactory logging) {
            setWhereMissing(logging.getAppenders(), APPLICATION);
        }
        if (config.getServerFactory() instanceof AbstractServerFactory server
                && server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog) {
            setWhereMissing(requestLog.getAppenders(), REQUEST);
        }
    }

    private static void setWhereMissing(List<? extends AppenderFactory<?>> appenders, String format) {
        for (AppenderFactory<?> appender : appenders) {
            if (appender instanceof AbstractAppenderFactory<?> text
                    && text.getLayout() == null
                    && (text.getLogFormat() == null || text.getLogFormat().isEmpty())) {
                text.setLogFormat(format);
            }
        }
    }
}

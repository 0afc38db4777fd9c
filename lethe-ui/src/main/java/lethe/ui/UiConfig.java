package lethe.ui;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.ZoneId;

/** {@code ui:} in config.yml. */
public class UiConfig {

    /**
     * The zone the pages show times in and count days by, e.g. {@code Europe/Berlin}. Pages are drawn
     * on the server without script, so they cannot ask the browser; unset means the server's own zone.
     */
    @JsonProperty("time_zone")
    private ZoneId timeZone;

    public ZoneId getTimeZone() {
        return timeZone != null ? timeZone : ZoneId.systemDefault();
    }

    public void setTimeZone(ZoneId timeZone) {
        this.timeZone = timeZone;
    }
}

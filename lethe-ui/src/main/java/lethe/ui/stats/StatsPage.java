package lethe.ui.stats;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import lethe.ui.Viewer;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.TranscriptReader;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /stats}: sessions and turns per day over a range of days, split by tool, host or model, and
 * tokens per day; each chart drawn on the server as SVG, with its numbers in a table.
 */
@Path("/stats")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class StatsPage {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final TranscriptReader reader;
    private final Pages pages;
    private final Times times;

    public StatsPage(TranscriptReader reader, Pages pages, Times times) {
        this.reader = reader;
        this.pages = pages;
        this.times = times;
    }

    @GET
    public Response show(@Context SecurityContext security, @Context UriInfo uri,
                         @QueryParam("owner") String owner,
                         @QueryParam("from") String fromParam,
                         @QueryParam("to") String toParam,
                         @QueryParam("split") String splitParam) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        Scope scope = PageParams.scope(viewer, owner, true);
        LocalDate to = PageParams.date("to", toParam);
        LocalDate from = PageParams.date("from", fromParam);
        if (to == null) {
            to = from == null ? times.today() : from.plusDays(DEFAULT_DAYS - 1);
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        if (from.isAfter(to)) {
            throw PageProblem.invalid("from must not be after to.");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw PageProblem.invalid("A range may span at most " + MAX_DAYS + " days.");
        }
        Split split = splitParam == null || splitParam.isEmpty() ? Split.TOOL : Split.fromParam(splitParam)
                .orElseThrow(() -> PageProblem.invalid("split must be tool, host or model."));

        Activity activity = Activity.of(reader.activity(new ActivityQuery(scope.owner(), from, to, times.zone())),
                from, to, split);
        String by = " by " + split.param();
        List<ChartView> charts = new ArrayList<>();
        charts.add(BarChart.of("sessions", "Sessions per day" + by, "sessions", activity.days(), activity.sessions()));
        charts.add(BarChart.of("turns", "Turns per day" + by, "turns", activity.days(), activity.turns()));
        if (!activity.tokens().isEmpty()) {
            charts.add(BarChart.of("tokens", "Tokens per day by kind", "tokens", activity.days(), activity.tokens()));
        }

        Map<String, Object> model = new HashMap<>();
        model.put("owner", scope.param());
        model.put("everyone", scope.everyone());
        model.put("owners", viewer.isAdmin() ? reader.owners() : null);
        model.put("from", from.toString());
        model.put("to", to.toString());
        model.put("split", split.param());
        model.put("splits", List.of(Split.values()).stream().map(Split::param).toList());
        model.put("charts", charts);
        model.put("breakdown", activity.breakdown().stream()
                .map(b -> List.of(b.name(), Numbers.exact(b.sessions()), Numbers.exact(b.turns()), Numbers.exact(b.tokens())))
                .toList());
        model.put("totalSessions", Numbers.exact(activity.totalSessions()));
        model.put("totalTurns", Numbers.exact(activity.totalTurns()));
        model.put("totalTokens", Numbers.compact(activity.totalTokens()));
        model.put("totalTokensExact", Numbers.exact(activity.totalTokens()));
        model.put("activeDays", Numbers.exact(activity.activeDays()));
        model.put("dayCount", Numbers.exact(activity.days().size()));
        model.put("zone", times.zone().getId());
        return pages.render("stats", "Activity", "stats", viewer, uri, model);
    }
}

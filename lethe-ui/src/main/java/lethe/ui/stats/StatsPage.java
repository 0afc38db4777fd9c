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
import lethe.api.UsageRow;
import lethe.ui.data.ActivityQuery;
import lethe.ui.data.DayRange;
import lethe.ui.data.UsageRequest;
import lethe.ui.format.Dollars;
import lethe.ui.data.TranscriptReader;
import lethe.ui.format.Numbers;
import lethe.ui.format.Times;
import lethe.ui.web.PageParams;
import lethe.ui.web.PageProblem;
import lethe.ui.web.Pages;
import lethe.ui.web.Scope;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /stats}: sessions, turns, dollars and tokens per day and per month over a range of days (or all
 * time), split by tool, host, model or project, and a table per model; each chart drawn on the server as
 * SVG, with its numbers in a table. Dollars and tokens come from the usage figures (each turn's own model),
 * sessions and turns from the activity rows.
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
                         @QueryParam("range") String rangeParam,
                         @QueryParam("split") String splitParam) {
        Viewer viewer = (Viewer) security.getUserPrincipal();
        Scope scope = PageParams.scope(viewer, owner, true);
        LocalDate to = PageParams.date("to", toParam);
        LocalDate from = PageParams.date("from", fromParam);
        Split split = splitParam == null || splitParam.isEmpty() ? Split.TOOL : Split.fromParam(splitParam)
                .orElseThrow(() -> PageProblem.invalid("split must be tool, host, model or project."));
        boolean allTime = "all".equals(rangeParam);
        Optional<DayRange> data = reader.usageDays(scope.owner(), times.zone());
        if (allTime) {
            from = data.map(DayRange::first).orElse(times.today());
            to = data.map(DayRange::last).orElse(times.today());
        }
        if (to == null) {
            to = from == null ? defaultEnd(data) : from.plusDays(DEFAULT_DAYS - 1);
        }
        if (from == null) {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        if (from.isAfter(to)) {
            throw PageProblem.invalid("from must not be after to.");
        }
        boolean daily = ChronoUnit.DAYS.between(from, to) + 1 <= MAX_DAYS;
        String by = " by " + split.param();

        Map<String, Object> model = new HashMap<>();
        List<ChartView> charts = new ArrayList<>();
        List<String> splitKeys = split == Split.MODEL ? List.of() : List.of(split.param());
        if (daily) {
            Activity activity = Activity.of(reader.activity(new ActivityQuery(scope.owner(), from, to, times.zone())),
                    from, to, split);
            Spend days = Spend.of(activity.days().stream().map(LocalDate::toString).toList(), "day", split,
                    reader.usage(new UsageRequest(scope.owner(), keys("day", splitKeys), from, to, times.zone())));
            charts.add(BarChart.of("sessions", "Sessions per day" + by, "sessions", activity.days(), activity.sessions()));
            charts.add(BarChart.of("turns", "Turns per day" + by, "turns", activity.days(), activity.turns()));
            charts.add(BarChart.byDay("cost", "Cost per day" + by, "dollars", activity.days(), days.cost(),
                    Dollars::exact, Dollars::compact));
            if (!days.tokens().isEmpty()) {
                charts.add(BarChart.of("tokens", "Tokens per day by kind", "tokens", activity.days(), days.tokens()));
            }
            model.put("totalSessions", Numbers.exact(activity.totalSessions()));
            model.put("totalTurns", Numbers.exact(activity.totalTurns()));
            model.put("activeDays", Numbers.exact(activity.activeDays()));
            model.put("dayCount", Numbers.exact(activity.days().size()));
        } else {
            model.put("notice", "Days are charted for at most " + MAX_DAYS + " days at a time; this range has "
                    + Numbers.exact(ChronoUnit.DAYS.between(from, to) + 1) + ", so it is shown by month. "
                    + "Pick a shorter range to see each day.");
        }
        List<YearMonth> months = months(from, to);
        Spend monthly = Spend.of(months.stream().map(YearMonth::toString).toList(), "month", split,
                reader.usage(new UsageRequest(scope.owner(), keys("month", splitKeys), from, to, times.zone())));
        charts.add(BarChart.byMonth("cost-month", "Cost per month" + by, "dollars", months, monthly.cost(),
                Dollars::exact, Dollars::compact));
        if (!monthly.tokens().isEmpty()) {
            charts.add(BarChart.byMonth("tokens-month", "Tokens per month by kind", "tokens", months, monthly.tokens(),
                    Numbers::exact, Numbers::compact));
        }

        model.put("daily", daily);
        model.put("owner", scope.param());
        model.put("everyone", scope.everyone());
        model.put("owners", viewer.isAdmin() ? reader.owners() : null);
        model.put("from", from.toString());
        model.put("to", to.toString());
        model.put("allTime", allTime);
        model.put("split", split.param());
        model.put("splits", List.of(Split.values()).stream().map(Split::param).toList());
        model.put("charts", charts);
        model.put("byModel", monthly.byModel());
        model.put("bySplit", split == Split.MODEL ? List.of() : monthly.bySplit());
        model.put("totalCost", monthly.unpricedTurns() > 0 ? null : Dollars.exact(monthly.costMicros()));
        model.put("pricedCost", Dollars.exact(monthly.costMicros()));
        model.put("unpricedTurns", Numbers.exact(monthly.unpricedTurns()) + (monthly.unpricedTurns() == 1 ? " turn" : " turns"));
        model.put("unpricedModels", monthly.unpricedModels());
        model.put("tokenKinds", List.of(
                List.of("input", Numbers.compact(monthly.tokens(UsageRow::inputTokens)), Numbers.exact(monthly.tokens(UsageRow::inputTokens))),
                List.of("output", Numbers.compact(monthly.tokens(UsageRow::outputTokens)), Numbers.exact(monthly.tokens(UsageRow::outputTokens))),
                List.of("cache write", Numbers.compact(monthly.tokens(UsageRow::cacheWriteTokens)), Numbers.exact(monthly.tokens(UsageRow::cacheWriteTokens))),
                List.of("cache read", Numbers.compact(monthly.tokens(UsageRow::cacheReadTokens)), Numbers.exact(monthly.tokens(UsageRow::cacheReadTokens)))));
        model.put("zone", times.zone().getId());
        return pages.render("stats", "Activity", "stats", viewer, uri, model);
    }

    /**
     * The last {@link #DEFAULT_DAYS} days, or, when nothing was used in them, the {@link #DEFAULT_DAYS} days
     * ending with the last day anything was: a first look at old data shows the data, not empty charts.
     */
    private LocalDate defaultEnd(Optional<DayRange> data) {
        LocalDate today = times.today();
        return data.map(DayRange::last)
                .filter(last -> last.isBefore(today.minusDays(DEFAULT_DAYS - 1)))
                .orElse(today);
    }

    private static List<String> keys(String time, List<String> split) {
        List<String> keys = new ArrayList<>();
        keys.add(time);
        keys.addAll(split);
        keys.add("model");
        return keys;
    }

    private static List<YearMonth> months(LocalDate from, LocalDate to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }
}

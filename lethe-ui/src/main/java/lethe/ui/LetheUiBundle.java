package lethe.ui;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import lethe.ui.data.TranscriptReader;
import lethe.ui.format.Times;
import lethe.ui.markdown.Markdown;
import lethe.ui.search.SearchPage;
import lethe.ui.sessions.SessionsPage;
import lethe.ui.stats.StatsPage;
import lethe.ui.transcript.TranscriptPage;
import lethe.ui.web.AssetResource;
import lethe.ui.web.Assets;
import lethe.ui.web.Pages;
import lethe.ui.web.SecurityHeaders;
import lethe.ui.web.Templates;

import java.time.Clock;

/**
 * lethe's read-only web pages: the session list at {@code /}, transcripts under {@code /sessions/},
 * {@code /stats}, {@code /search}, their error pages, stylesheet and security headers.
 *
 * <p>The pages read through a {@link TranscriptReader}, which the application builds once its database
 * is open, so the application constructs this bundle in its own {@code run} and runs it from there. The
 * resources are marked {@code @PermitAll}: whatever auth chain the application installs applies to them.
 */
public class LetheUiBundle implements ConfiguredBundle<Object> {

    private final TranscriptReader reader;
    private final Times times;
    private final Assets assets = new Assets();
    private final Pages pages = new Pages(new Templates(), assets);
    private final ErrorPages errorPages = new TemplateErrorPages(pages);

    public LetheUiBundle(TranscriptReader reader, UiConfig config) {
        this(reader, config, Clock.systemUTC());
    }

    public LetheUiBundle(TranscriptReader reader, UiConfig config, Clock clock) {
        this.reader = reader;
        this.times = new Times(config.getTimeZone(), clock);
    }

    /** The error pages in the UI's frame, for the application's exception mapper to render non-API errors with. */
    public ErrorPages errorPages() {
        return errorPages;
    }

    @Override
    public void run(Object configuration, Environment environment) {
        JerseyEnvironment jersey = environment.jersey();
        Markdown markdown = new Markdown();
        jersey.register(new SessionsPage(reader, pages, times));
        jersey.register(new TranscriptPage(reader, pages, times, markdown));
        jersey.register(new StatsPage(reader, pages, times));
        jersey.register(new SearchPage(reader, pages, times));
        jersey.register(new AssetResource(assets));
        jersey.register(new SecurityHeaders());
    }
}

package lethe.db;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

import java.util.Optional;
import java.util.function.Function;

/**
 * Jdbi's {@code <name>} templates, with the DAO method's name put in front of the SQL as a comment (what
 * Dropwizard's {@code NamePrependingTemplateEngine} does, so that a slow statement in PostgreSQL's logs or
 * a JFR recording says where it comes from). Dropwizard's engine only renders, so Jdbi lexed every
 * statement's template again on every execution (an eighth of what a session list allocated); this one
 * parses, and Jdbi caches the parsed template.
 */
final class CachedNamingTemplateEngine implements TemplateEngine {

    private final DefinedAttributeTemplateEngine templates = new DefinedAttributeTemplateEngine();

    @Override
    public String render(String template, StatementContext context) {
        return parse(template, context.getConfig()).orElseThrow().apply(context);
    }

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return templates.parse(template, config).map(rendering -> context -> named(rendering.apply(context), context));
    }

    private static String named(String sql, StatementContext context) {
        ExtensionMethod method = context.getExtensionMethod();
        if (method == null) {
            return sql;
        }
        return "/* " + method.getType().getSimpleName() + "." + method.getMethod().getName() + " */ " + sql;
    }
}

package lethe.testing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Parses a page the way a browser would (jsoup implements the HTML5 parsing algorithm). */
public final class Html {

    private Html() {
    }

    public static Document parse(Http.Response response) {
        return Jsoup.parse(response.body(), "http://127.0.0.1/");
    }
}

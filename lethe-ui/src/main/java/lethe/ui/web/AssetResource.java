package lethe.ui.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Serves the stylesheet and icon. They are public on purpose: they hold nothing private, and the 401
 * page, shown to someone not signed in, needs its stylesheet too.
 */
@Path("/assets/{name}")
public class AssetResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final Assets assets;

    public AssetResource(Assets assets) {
        this.assets = assets;
    }

    @GET
    public Response get(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Asset asset = assets.named(name).orElseThrow(() -> PageProblem.notFound("There is no such file."));
        if (asset.etag().equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).header(HttpHeaders.ETAG, asset.etag()).build();
        }
        return Response.ok(asset.bytes(), asset.mediaType())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(HttpHeaders.ETAG, asset.etag())
                .build();
    }
}

package io.nvo3.api.bgpvpn;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.api.Route;
import io.nvo3.api.neutron.Body;
import io.nvo3.api.neutron.ListQuery;
import io.nvo3.controller.federation.BgpVpn;
import io.nvo3.controller.federation.BgpVpnCreate;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.BgpVpnType;
import io.nvo3.controller.federation.BgpVpnUpdate;
import io.nvo3.controller.federation.NetworkAssociation;
import io.nvo3.controller.federation.RtRdSyntax;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * {@code /v2.0/bgpvpn/bgpvpns} (CRUD) and {@code /v2.0/bgpvpn/bgpvpns/{id}/network_associations}
 * (list, create, show, delete) as the networking-bgpvpn API reference describes them, with its default
 * policy: only admins create and delete BGPVPNs and see or change their targets, distinguishers and
 * VNI; a project sees its own BGPVPNs, may rename them and associate networks it can see. What a
 * caller may not see is 404, what it sees but may not do is 403.
 */
public final class BgpVpnRoutes {
    static final String BASE = "/v2.0/bgpvpn/bgpvpns";
    private static final Set<String> POST = Set.of("name", "type", "route_targets", "import_targets",
            "export_targets", "route_distinguishers", "vni", "local_pref", "tenant_id", "project_id");
    private static final Set<String> PUT = Set.of("name", "route_targets", "import_targets", "export_targets",
            "route_distinguishers", "local_pref");
    private static final Set<String> READ_ONLY = Set.of("id", "networks", "routers", "ports");
    private static final Set<String> READ_ONLY_PUT = Set.of("id", "networks", "routers", "ports", "tenant_id",
            "project_id", "type", "vni");
    static final Set<String> ATTRIBUTES = Set.of("id", "name", "type", "route_targets", "import_targets",
            "export_targets", "route_distinguishers", "vni", "local_pref", "networks", "routers", "ports",
            "tenant_id", "project_id");
    private static final Set<String> ASSOC_ATTRIBUTES = Set.of("id", "network_id", "tenant_id", "project_id");

    private final BgpVpnService service;
    private final BiPredicate<Principal, String> networkVisible;

    private BgpVpnRoutes(BgpVpnService service, BiPredicate<Principal, String> networkVisible) {
        this.service = service;
        this.networkVisible = networkVisible;
    }

    /**
     * The routes over {@code service}; a network may be associated when the caller can see it in
     * {@code model} (its own, or shared, or any for an admin — as {@code GET /v2.0/networks/{id}}).
     */
    public static List<Route> routes(BgpVpnService service, ModelService model) {
        Objects.requireNonNull(model, "model");
        return routes(service, (who, id) -> model.network(id).map(n -> canSee(who, n)).orElse(false));
    }

    /** The routes with another visibility rule: {@code networkVisible(caller, networkId)}. */
    public static List<Route> routes(BgpVpnService service, BiPredicate<Principal, String> networkVisible) {
        BgpVpnRoutes r = new BgpVpnRoutes(Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(networkVisible, "networkVisible"));
        String one = BASE + "/{id}";
        String assocs = one + "/network_associations";
        return List.of(
                Route.get(BASE, r::list),
                Route.post(BASE, r::create),
                Route.get(one, r::show),
                Route.put(one, r::update),
                Route.delete(one, r::delete),
                Route.get(assocs, r::listAssociations),
                Route.post(assocs, r::associate),
                Route.get(assocs + "/{assoc}", r::showAssociation),
                Route.delete(assocs + "/{assoc}", r::dissociate));
    }

    private static boolean canSee(Principal who, Network n) {
        return who.owns(n.projectId()) || n.shared();
    }

    // ---------------------------------------------------------------- bgpvpns

    ApiResponse list(ApiRequest r) {
        Principal who = r.principal();
        List<Map<String, Object>> views = new ArrayList<>();
        for (BgpVpn b : service.bgpvpns()) {
            if (who.owns(b.projectId())) {
                views.add(view(b, who));
            }
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("bgpvpns", views, ATTRIBUTES, r,
                ListQuery.Mode.BASIC)));
    }

    ApiResponse show(ApiRequest r) {
        BgpVpn b = visible(r.principal(), r.pathVar("id"));
        return one(200, "bgpvpn", ListQuery.project(view(b, r.principal()), r.query().get("fields")));
    }

    ApiResponse create(ApiRequest r) {
        Principal who = r.principal();
        Body a = Body.of(r.body(), "bgpvpn", POST, READ_ONLY, true);
        String project = a.project(who, "create_bgpvpn");
        String name = a.string("name", 255);
        String typeText = a.string("type", 255);
        BgpVpnType type = typeText == null ? null : BgpVpnType.parse(typeText);
        if (typeText != null && type == null) {
            throw ApiException.invalid("type", "'" + typeText + "' is not in ['l3', 'l2']");
        }
        List<String> rts = a.regexList("route_targets", RtRdSyntax::valid);
        List<String> imp = a.regexList("import_targets", RtRdSyntax::valid);
        List<String> exp = a.regexList("export_targets", RtRdSyntax::valid);
        List<String> rds = a.regexList("route_distinguishers", RtRdSyntax::valid);
        Optional<Long> vni = a.nullableInteger("vni");
        Optional<Long> localPref = a.nullableInteger("local_pref");
        if (vni != null) {
            vni.ifPresent(RtRdSyntax::checkVni);
        }
        if (localPref != null) {
            localPref.ifPresent(RtRdSyntax::checkLocalPref);
        }
        // networking-bgpvpn policy: create_bgpvpn is rule:admin_only (checked after the attributes, as Neutron does)
        if (!who.admin()) {
            throw ApiException.policy("create_bgpvpn");
        }
        BgpVpn b = service.create(new BgpVpnCreate(project, name, type, rts, imp, exp, rds,
                vni == null ? null : vni.orElse(null), localPref == null ? null : localPref.orElse(null)));
        return one(201, "bgpvpn", view(b, who));
    }

    ApiResponse update(ApiRequest r) {
        Principal who = r.principal();
        BgpVpn cur = visible(who, r.pathVar("id"));
        Body a = Body.of(r.body(), "bgpvpn", PUT, READ_ONLY_PUT, false);
        // API reference: "A non-admin user can only update the name parameter. All other updates require admin
        // privileges." (update_bgpvpn:<attribute> is rule:admin_only)
        if (!who.admin()) {
            for (String k : a.names()) {
                if (!k.equals("name")) {
                    throw ApiException.policy("update_bgpvpn:" + k);
                }
            }
        }
        BgpVpn b = service.update(cur.id(), new BgpVpnUpdate(a.string("name", 255),
                a.regexList("route_targets", RtRdSyntax::valid), a.regexList("import_targets", RtRdSyntax::valid),
                a.regexList("export_targets", RtRdSyntax::valid),
                a.regexList("route_distinguishers", RtRdSyntax::valid), a.nullableInteger("local_pref")));
        return one(200, "bgpvpn", view(b, who));
    }

    ApiResponse delete(ApiRequest r) {
        BgpVpn cur = visible(r.principal(), r.pathVar("id"));
        if (!r.principal().admin()) {
            throw ApiException.policy("delete_bgpvpn");
        }
        service.delete(cur.id());
        return ApiResponse.noContent();
    }

    // ---------------------------------------------------------------- network associations

    ApiResponse listAssociations(ApiRequest r) {
        Principal who = r.principal();
        BgpVpn b = visible(who, r.pathVar("id"));
        List<Map<String, Object>> views = new ArrayList<>();
        for (NetworkAssociation a : service.associationsOf(b.id())) {
            if (canSee(who, a, b)) {
                views.add(Views.association(a, who));
            }
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("network_associations", views, ASSOC_ATTRIBUTES, r,
                ListQuery.Mode.BASIC)));
    }

    ApiResponse showAssociation(ApiRequest r) {
        Principal who = r.principal();
        BgpVpn b = visible(who, r.pathVar("id"));
        NetworkAssociation a = visibleAssociation(who, b, r.pathVar("assoc"));
        return one(200, "network_association", ListQuery.project(Views.association(a, who), r.query().get("fields")));
    }

    ApiResponse associate(ApiRequest r) {
        Principal who = r.principal();
        BgpVpn b = visible(who, r.pathVar("id"));
        Body a = Body.of(r.body(), "network_association", Set.of("network_id", "tenant_id", "project_id"),
                Set.of("id"), true);
        String project = a.project(who, "create_bgpvpn_network_association");
        String networkId = a.uuid("network_id");
        if (!networkVisible.test(who, networkId)) {
            throw ApiException.notFound("NetworkNotFound", "Network " + networkId + " could not be found.");
        }
        NetworkAssociation made = service.associate(b.id(), networkId, project);
        return one(201, "network_association", Views.association(made, who));
    }

    ApiResponse dissociate(ApiRequest r) {
        Principal who = r.principal();
        BgpVpn b = visible(who, r.pathVar("id"));
        NetworkAssociation a = visibleAssociation(who, b, r.pathVar("assoc"));
        service.dissociate(b.id(), a.id());
        return ApiResponse.noContent();
    }

    // ---------------------------------------------------------------- helpers

    /** get_bgpvpn is rule:admin_or_owner: others get networking-bgpvpn's 404 BGPVPNNotFound. */
    private BgpVpn visible(Principal who, String id) {
        return service.bgpvpn(id).filter(b -> who.owns(b.projectId()))
                .orElseThrow(() -> toApi(BgpVpnService.bgpvpnNotFound(id)));
    }

    /** admin_or_owner, where the owners are the association's project and the BGPVPN's. */
    private static boolean canSee(Principal who, NetworkAssociation a, BgpVpn b) {
        return who.owns(a.projectId()) || who.owns(b.projectId());
    }

    private NetworkAssociation visibleAssociation(Principal who, BgpVpn b, String id) {
        return service.association(id).filter(a -> a.bgpvpnId().equals(b.id()) && canSee(who, a, b))
                .orElseThrow(() -> toApi(BgpVpnService.assocNotFound(id, b.id())));
    }

    private static ApiException toApi(io.nvo3.controller.model.ModelException.NotFound e) {
        return ApiException.notFound(e.type(), e.getMessage());
    }

    private Map<String, Object> view(BgpVpn b, Principal who) {
        return Views.bgpvpn(b, service.networkIdsOf(b.id()), who);
    }

    private static ApiResponse one(int status, String resource, Map<String, Object> view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(resource, view);
        return ApiResponse.json(status, Json.bytes(body));
    }
}

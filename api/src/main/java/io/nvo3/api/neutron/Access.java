package io.nvo3.api.neutron;

import io.nvo3.api.ApiException;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;

/**
 * Neutron's default policy, reduced to what this API serves: a member sees its project's
 * resources and shared networks (with their subnets) and the ports on networks it owns; what it
 * cannot see is 404, what it sees but may not change is 403.
 */
final class Access {
    private Access() {}

    static boolean canSee(Principal who, Network n) {
        return who.owns(n.projectId()) || n.shared();
    }

    static boolean canSee(Principal who, Subnet s, ModelService model) {
        return who.owns(s.projectId()) || model.network(s.networkId()).map(n -> canSee(who, n)).orElse(false);
    }

    static boolean canSee(Principal who, Port p, ModelService model) {
        return who.owns(p.projectId()) || model.network(p.networkId()).map(n -> who.owns(n.projectId())).orElse(false);
    }

    static Network visibleNetwork(Principal who, ModelService model, String id) {
        return model.network(id).filter(n -> canSee(who, n)).orElseThrow(() -> ApiException.notFound(
                "NetworkNotFound", "Network " + id + " could not be found."));
    }

    static Subnet visibleSubnet(Principal who, ModelService model, String id) {
        return model.subnet(id).filter(s -> canSee(who, s, model)).orElseThrow(() -> ApiException.notFound(
                "SubnetNotFound", "Subnet " + id + " could not be found."));
    }

    static Port visiblePort(Principal who, ModelService model, String id) {
        return model.port(id).filter(p -> canSee(who, p, model)).orElseThrow(() -> ApiException.notFound(
                "PortNotFound", "Port " + id + " could not be found."));
    }

    static void requireOwner(Principal who, String owner, String rule) {
        if (!who.owns(owner)) {
            throw ApiException.policy(rule);
        }
    }
}

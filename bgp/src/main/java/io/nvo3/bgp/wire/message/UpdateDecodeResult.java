package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpUnreachNlri;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.errors.UpdateProblem;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A decoded UPDATE and the RFC 7606 verdict on it.
 *
 * @param update           what could be parsed, without discarded attributes (null only for SESSION_RESET
 *                         when the message structure itself was unusable)
 * @param action           the strongest action among {@code problems} (NONE when there are none)
 * @param treatAsWithdraw  for TREAT_AS_WITHDRAW: every reachable NLRI of the UPDATE, to be withdrawn
 * @param disabledFamilies for AFI_SAFI_DISABLE: the families to disable
 * @param notification     for SESSION_RESET: what to send before closing
 * @param packedNlri       when the receiver asked for it ({@link BgpCodec#decode(byte[], CodecContext, boolean)}) and
 *                         the UPDATE is clean or only discards attributes: the IPv4 NLRI field left in its octets,
 *                         in which case {@code update.nlri()} is empty
 * @param packedMpReach    likewise, the NLRI of the MP_REACH_NLRI attribute left in its octets (VPN-IPv4, EVPN MAC/IP),
 *                         in which case that attribute's {@code nlri()} is empty
 */
public record UpdateDecodeResult(UpdateMessage update, ErrorAction action, List<UpdateProblem> problems,
                                 List<Nlri> treatAsWithdraw, Set<AfiSafi> disabledFamilies,
                                 Optional<BgpNotificationException> notification, Optional<PackedIpv4Prefixes> packedNlri,
                                 Optional<PackedMpNlri> packedMpReach) {
    public UpdateDecodeResult(UpdateMessage update, ErrorAction action, List<UpdateProblem> problems, List<Nlri> treatAsWithdraw,
            Set<AfiSafi> disabledFamilies, Optional<BgpNotificationException> notification) {
        this(update, action, problems, treatAsWithdraw, disabledFamilies, notification, Optional.empty(), Optional.empty());
    }

    public UpdateDecodeResult {
        Objects.requireNonNull(packedNlri);
        Objects.requireNonNull(packedMpReach);
        if ((packedNlri.isPresent() || packedMpReach.isPresent()) && (update == null || !update.nlri().isEmpty()
                || (action != ErrorAction.NONE && action != ErrorAction.ATTRIBUTE_DISCARD))) {
            throw new IllegalArgumentException("packed NLRI go with a usable UPDATE whose NLRI list is empty");
        }
        Objects.requireNonNull(action);
        problems = List.copyOf(problems);
        treatAsWithdraw = List.copyOf(treatAsWithdraw);
        disabledFamilies = Set.copyOf(disabledFamilies);
        Objects.requireNonNull(notification);
        if ((action == ErrorAction.SESSION_RESET) != notification.isPresent()) {
            throw new IllegalArgumentException("a notification goes with SESSION_RESET and only with it");
        }
        if (update == null && action != ErrorAction.SESSION_RESET) {
            throw new IllegalArgumentException("update missing");
        }
    }

    public boolean isClean() {
        return action == ErrorAction.NONE;
    }

    /** NLRI to install: everything reachable, unless the UPDATE is treated as withdraw or the session resets. */
    public List<Nlri> announced() {
        if (action == ErrorAction.TREAT_AS_WITHDRAW || action == ErrorAction.SESSION_RESET) {
            return List.of();
        }
        List<Nlri> out = new ArrayList<>(update.nlri());
        packedNlri.ifPresent(p -> out.addAll(p.toList()));
        packedMpReach.ifPresent(p -> out.addAll(p.toList()));
        update.attributes().stream().filter(a -> a instanceof MpReachNlri).map(a -> (MpReachNlri) a)
                .filter(m -> !disabledFamilies.contains(m.family())).forEach(m -> out.addAll(m.nlri()));
        return out;
    }

    /** NLRI to remove: withdrawn routes, MP_UNREACH_NLRI, and under treat-as-withdraw the reachable ones too. */
    public List<Nlri> withdrawn() {
        if (action == ErrorAction.SESSION_RESET) {
            return List.of();
        }
        List<Nlri> out = new ArrayList<>(update.withdrawn());
        update.attributes().stream().filter(a -> a instanceof MpUnreachNlri).map(a -> (MpUnreachNlri) a)
                .filter(m -> !disabledFamilies.contains(m.family())).forEach(m -> out.addAll(m.withdrawn()));
        out.addAll(treatAsWithdraw);
        return out;
    }
}

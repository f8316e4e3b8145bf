package org.flatcheck.symmetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.flatcheck.network.Network;

/**
 * The one JSON shape of a group element, used by audit reports and certificates:
 * {@code {"symmetry": key, "description": text, <key>: <value>}} where the last member is the element's
 * own {@link GroupElement#jsonFields} — {@code "scales": {node: c}}, {@code "factors": [α…]} or
 * {@code "permutation": {node: node}}; every number an exact string.
 */
public final class GroupElementJson {
    private GroupElementJson() {
    }

    /** {@code g} acting on {@code net} as JSON. */
    public static ObjectNode of(GroupElement g, Network net) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("symmetry", g.symmetry().key());
        o.put("description", g.describe(net));
        g.jsonFields(net).forEach((k, v) -> o.set(k, node(v)));
        return o;
    }

    private static JsonNode node(Object v) {
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            m.forEach((k, x) -> o.set(k.toString(), node(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            l.forEach(x -> a.add(node(x)));
            return a;
        }
        return JsonNodeFactory.instance.textNode(v.toString());
    }
}

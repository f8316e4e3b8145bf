package org.flatcheck.claims;

import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;

/**
 * A claim certificate (format {@value CertificateVerifier#FORMAT}): the claim, its verdict, the
 * networks and datasets it mentions, and a list of checks — each a fact with the values the prover
 * computed, for {@link CertificateVerifier} to recompute by its own route. A check's role is
 * {@code instance} (an exact instance of a universal statement), {@code witness} (an object whose
 * existence the statement asserts, or that illustrates a side condition) or {@code counterexample}
 * (refutes the statement). An empirical claim's verdict comes from a {@code sign_test} check and its
 * {@code statistics}, which the checker recomputes from the recorded per-run values.
 */
public final class Certificate {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Claim claim;
    private final long seed;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private final ArrayNode checks = F.arrayNode();
    private final ObjectNode inputs = F.objectNode();
    private String argument = "";
    private boolean refuted;
    private String empiricalVerdict;
    private ObjectNode statistics;

    Certificate(Claim claim, long seed) {
        this.claim = claim;
        this.seed = seed;
    }

    /** Registers a network under {@code name} (returned, for use in checks). */
    String network(String name, Network net) {
        Network old = networks.putIfAbsent(name, net);
        if (old != null && !old.equals(net)) {
            throw new IllegalArgumentException("network name " + name + " used twice");
        }
        return name;
    }

    String dataset(String name, Dataset data) {
        Dataset old = datasets.putIfAbsent(name, data);
        if (old != null && !old.equals(data)) {
            throw new IllegalArgumentException("dataset name " + name + " used twice");
        }
        return name;
    }

    /** Free-form run parameters (sizes, ranges, tries) recorded for the reader. */
    ObjectNode inputs() {
        return inputs;
    }

    void argument(String text) {
        this.argument = text;
    }

    /** Adds a check; a {@code counterexample} makes the verdict REFUTED. */
    void check(String role, ObjectNode check) {
        ObjectNode c = F.objectNode();
        c.put("role", role);
        c.setAll(check);
        checks.add(c);
        refuted |= role.equals("counterexample");
    }

    /** {@code lhs op rhs} between two quantities ({@link Quantities}). */
    void relation(String role, ObjectNode lhs, RelationOp op, ObjectNode rhs, String note) {
        ObjectNode c = F.objectNode();
        c.put("check", CheckKind.RELATION.wire());
        if (note != null) {
            c.put("note", note);
        }
        c.set("lhs", lhs);
        c.put("op", op.wire());
        c.set("rhs", rhs);
        check(role, c);
    }

    /** The verdict of an empirical claim, from its test (the other kinds derive theirs from the check roles). */
    void empirical(String verdict, ObjectNode stats) {
        if (claim.kind() != ClaimKind.EMPIRICAL || !ClaimKind.EMPIRICAL.verdicts().contains(verdict)) {
            throw new IllegalArgumentException(claim.id() + ": verdict " + verdict + " for a " + claim.kind().key() + " claim");
        }
        this.empiricalVerdict = verdict;
        this.statistics = stats;
    }

    public String verdict() {
        if (claim.kind() == ClaimKind.EMPIRICAL) {
            if (empiricalVerdict == null) {
                throw new IllegalStateException(claim.id() + ": an empirical claim's verdict comes from its test");
            }
            return empiricalVerdict;
        }
        return refuted ? "REFUTED" : "HOLDS";
    }

    public Claim claim() {
        return claim;
    }

    public int size() {
        return checks.size();
    }

    /** The certificate as JSON. */
    public ObjectNode json(String toolVersion) {
        ObjectNode o = F.objectNode();
        o.put("format", CertificateVerifier.FORMAT);
        o.put("claim", claim.id());
        o.put("kind", claim.kind().key());
        o.put("source", claim.source());
        ObjectNode statement = o.putObject("statement");
        statement.put("paper", claim.paperStatement());
        statement.put("checked", claim.statement());
        o.put("verdict", verdict());
        o.put("tool_version", toolVersion);
        o.put("seed", seed);
        o.put("proof", "proofs/" + claim.id() + ".md");
        o.put("argument", argument);
        o.set("inputs", inputs);
        if (statistics != null) {
            o.set("statistics", statistics);
        }
        ObjectNode nets = o.putObject("networks");
        networks.forEach((k, v) -> nets.set(k, parse(NetworkJson.toJson(v))));
        ObjectNode data = o.putObject("datasets");
        datasets.forEach((k, v) -> data.set(k, parse(DatasetJson.toJson(v))));
        o.set("checks", checks);
        return o;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

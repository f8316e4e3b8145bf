package org.flatcheck.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The skeleton basis of the path space (docs/definitions.md §paths; [M19] for MLPs, [Z19] for general DAGs). With a
 * {@link Skeleton}, {@code B(v)} follows {@code in()} back from {@code v} to an input or the bias source
 * and {@code F(v)} follows {@code out()} forward to an output; every effective edge {@code e = (a→b)}
 * gives the path {@code P(e) = B(a)·e·F(b)}, and the skeleton path of a hidden {@code v} is
 * {@code S(v) = B(v)·F(v) = P(in(v)) = P(out(v))}. The distinct {@code P(e)} are the basis paths: they
 * number {@code m − H} (effective edges minus effective hidden nodes) and are linearly independent.
 *
 * <p>Which {@code P(e)} coincide: {@code P(e) = S(a)} if {@code e = out(a)} and {@code P(e) = S(b)} if
 * {@code e = in(b)}; {@code S(v) = S(w)} exactly when {@code v} and {@code w} are joined by a chain of
 * edges {@code out(v) = in(w)}; any other {@code P(e)} is shared with no other edge (a second edge
 * {@code e'} on {@code P(e)} lies on {@code B(a)} or {@code F(b)}, and {@code P(e') = P(e)} would force
 * {@code e = out(a)} or {@code e = in(b)}). So the basis is built without comparing paths.
 *
 * <p>Exponents: for every path {@code p}, {@code v_p = Π_{e∈p} v_{P(e)} / Π_{hidden v∈p} v_{S(v)}},
 * because {@code v_{P(e)} = β(a) w_e φ(b)} with {@code β}, {@code φ} the values of {@code B}, {@code F},
 * and the inner factors telescope to {@code Π_{hidden v∈p} β(v) φ(v)}. The exponent vector of {@code p}
 * is therefore integer, with entries outside {±1, 0} when a basis path repeats (docs/definitions.md §paths).
 */
public final class BasisPaths {
    private final Network net;
    private final Skeleton skeleton;
    private final List<Path> basis;
    private final int[] basisOfEdge;

    private BasisPaths(Network net, Skeleton skeleton, List<Path> basis, int[] basisOfEdge) {
        this.net = net;
        this.skeleton = skeleton;
        this.basis = basis;
        this.basisOfEdge = basisOfEdge;
    }

    /** The skeleton basis of {@code net} for {@code skeleton}. */
    public static BasisPaths of(Network net, Skeleton skeleton) {
        int n = net.nodes().size();
        // B(v) and F(v) as one link per node (the chains' last and first edges): a deep network's chains
        // share their prefixes, so storing each as an array would take memory quadratic in the depth.
        int[] back = new int[n];
        int[] forward = new int[n];
        chains(net, skeleton, back, forward);
        int[] chainClass = skeletonChains(net, skeleton);
        int[] classBasis = new int[n];
        Arrays.fill(classBasis, -1);
        List<Path> basis = new ArrayList<>();
        int[] basisOfEdge = new int[net.numParameters()];
        Arrays.fill(basisOfEdge, -1);
        for (int k = 0; k < basisOfEdge.length; k++) {
            if (!skeleton.isEffective(k)) {
                continue;
            }
            Edge e = net.edge(k);
            int owner = skeleton.out(e.from()) == k && e.from() != Network.SOURCE ? e.from()
                    : skeleton.in(e.to()) == k ? e.to() : -1;
            if (owner >= 0 && classBasis[chainClass[owner]] >= 0) {
                basisOfEdge[k] = classBasis[chainClass[owner]];
                continue;
            }
            int[] b = backChain(net, back, e.from());
            int[] f = forwardChain(net, forward, e.to());
            int[] edges = new int[b.length + 1 + f.length];
            System.arraycopy(b, 0, edges, 0, b.length);
            edges[b.length] = k;
            System.arraycopy(f, 0, edges, b.length + 1, f.length);
            basisOfEdge[k] = basis.size();
            if (owner >= 0) {
                classBasis[chainClass[owner]] = basis.size();
            }
            basis.add(Path.of(edges));
        }
        return new BasisPaths(net, skeleton, List.copyOf(basis), basisOfEdge);
    }

    /**
     * {@code B(v)} and {@code F(v)} as links: {@code back[v]} is the last edge of {@code B(v)} (-1 when
     * {@code B(v)} is empty, as at inputs and the source), {@code forward[v]} the first edge of {@code F(v)}
     * (-1 when empty, as at outputs); the rest of each chain is that of the edge's other end.
     */
    private static void chains(Network net, Skeleton skeleton, int[] back, int[] forward) {
        Arrays.fill(back, -1);
        Arrays.fill(forward, -1);
        for (int v = 0; v < back.length; v++) {
            Kind k = net.node(v).kind();
            if (k == Kind.HIDDEN) {
                back[v] = skeleton.in(v);
                forward[v] = skeleton.out(v);
            }
        }
    }

    /** The edges of {@code B(v)}, from an input (or the source) to {@code v}. */
    private static int[] backChain(Network net, int[] back, int v) {
        int length = 0;
        for (int u = v; back[u] >= 0; u = net.edge(back[u]).from()) {
            length++;
        }
        int[] chain = new int[length];
        for (int u = v, i = length - 1; back[u] >= 0; u = net.edge(back[u]).from(), i--) {
            chain[i] = back[u];
        }
        return chain;
    }

    /** The edges of {@code F(v)}, from {@code v} to an output. */
    private static int[] forwardChain(Network net, int[] forward, int v) {
        int length = 0;
        for (int u = v; forward[u] >= 0; u = net.edge(forward[u]).to()) {
            length++;
        }
        int[] chain = new int[length];
        for (int u = v, i = 0; forward[u] >= 0; u = net.edge(forward[u]).to(), i++) {
            chain[i] = forward[u];
        }
        return chain;
    }

    /** Classes of hidden nodes joined by {@code out(v) = in(w)}, labelled by their first node in topological order. */
    private static int[] skeletonChains(Network net, Skeleton skeleton) {
        int[] cls = new int[net.nodes().size()];
        Arrays.fill(cls, -1);
        for (int v : net.topologicalOrderOfNodes()) {
            if (net.node(v).kind() != Kind.HIDDEN || skeleton.in(v) < 0) {
                continue;
            }
            int u = net.edge(skeleton.in(v)).from();
            boolean joined = net.node(u).kind() == Kind.HIDDEN && skeleton.out(u) == skeleton.in(v);
            cls[v] = joined ? cls[u] : v;
        }
        return cls;
    }

    public Skeleton skeleton() {
        return skeleton;
    }

    /** The basis paths, in order of first appearance over the edges. */
    public List<Path> paths() {
        return basis;
    }

    public int size() {
        return basis.size();
    }

    /** Index of {@code P(e)} among the basis paths, or -1 if edge {@code e} is on no path. */
    public int basisOfEdge(int e) {
        return basisOfEdge[e];
    }

    /** Index of the skeleton path {@code S(v)} of hidden node {@code v}, or -1 if {@code v} is not effective. */
    public int skeletonPathOf(int v) {
        int e = skeleton.in(v);
        return e < 0 ? -1 : basisOfEdge[e];
    }

    /** The basis-path values {@code v_{P}}, in basis order. */
    public BigFraction[] values() {
        BigFraction[] v = new BigFraction[basis.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = basis.get(i).value(net);
        }
        return v;
    }

    /** The value of basis path {@code i} as canonical text {@code p/q}, without building a fraction. */
    public String valueText(int i) {
        BigInteger num = BigInteger.ONE;
        BigInteger den = BigInteger.ONE;
        for (int e : basis.get(i).edges()) {
            BigFraction w = net.edge(e).weight();
            num = num.multiply(w.getNumerator());
            den = den.multiply(w.getDenominator());
        }
        return Q.format(num, den);
    }

    /**
     * The exponents of path {@code p} over the basis: {@code +1} for {@code P(e)} of each edge of
     * {@code p}, {@code −1} for {@code S(v)} of each hidden node of {@code p}; zero entries omitted.
     */
    public Map<Integer, Integer> exponents(Path p) {
        TreeMap<Integer, Integer> x = new TreeMap<>();
        int[] nodes = p.nodes(net);
        for (int i = 0; i < p.length(); i++) {
            x.merge(basisOfEdge[p.edge(i)], 1, Integer::sum);
        }
        for (int i = 1; i < nodes.length - 1; i++) {
            x.merge(skeletonPathOf(nodes[i]), -1, Integer::sum);
        }
        x.values().removeIf(c -> c == 0);
        return x;
    }
}

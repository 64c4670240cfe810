#!/usr/bin/python3
"""NetworkX beside kg_graph_bench: the same generated graph (entities.csv + triples.tsv of
../shared/bench/gen.py) as a MultiDiGraph, written as GraphML and ranked by PageRank.

Usage: networkx_bench.py DATADIR OUTDIR
  writes OUTDIR/networkx.graphml; when OUTDIR/kg-pagerank.tsv exists (kg_graph_bench), also
  reports the largest difference between kg's and NetworkX's PageRank scores.
"""
import os
import sys
import time

import networkx as nx


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: networkx_bench.py DATADIR OUTDIR")
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)

    t = time.perf_counter()
    g = nx.MultiDiGraph()
    with open(os.path.join(data, "entities.csv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            _, name, typ = line.rstrip("\n").split(",")
            g.add_node(name, labels=":" + typ, name=name)
    with open(os.path.join(data, "triples.tsv"), encoding="utf-8") as f:
        for line in f:
            s, p, o = line.rstrip("\n").split("\t")
            g.add_edge(s, o, type=p)
    load_s = time.perf_counter() - t
    print(f"networkx load (read files, build graph) {load_s:8.3f} s   "
          f"{g.number_of_nodes()} nodes, {g.number_of_edges()} relationships")

    path = os.path.join(out, "networkx.graphml")
    t = time.perf_counter()
    nx.write_graphml(g, path)
    write_s = time.perf_counter() - t
    mb = os.path.getsize(path) / 1e6
    elements = g.number_of_nodes() + g.number_of_edges()
    print(f"networkx GraphML write                  {write_s:8.3f} s   {mb:.1f} MB, {mb / write_s:.1f} MB/s, "
          f"{elements / write_s / 1000:.0f}k elements/s")

    t = time.perf_counter()
    pr = nx.pagerank(g, alpha=0.85, tol=1e-06, max_iter=1000)
    pr_s = time.perf_counter() - t
    print(f"networkx PageRank (tol 1e-06)           {pr_s:8.3f} s")
    top = sorted(pr.items(), key=lambda kv: -kv[1])[:5]
    print("networkx PageRank top 5: " + ", ".join(f"{n} {s:.5f}" for n, s in top))

    kg_scores = os.path.join(out, "kg-pagerank.tsv")
    if os.path.exists(kg_scores):
        diff, n = 0.0, 0
        with open(kg_scores, encoding="utf-8") as f:
            for line in f:
                name, score = line.rstrip("\n").split("\t")
                diff = max(diff, abs(float(score) - pr[name]))
                n += 1
        print(f"kg vs networkx PageRank: {n} scores, largest difference {diff:.2e}")


if __name__ == "__main__":
    main()

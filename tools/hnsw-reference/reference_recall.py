# Recall@10 of a reference HNSW (hnswlib, M=16, efConstruction=128, inner product, one thread) on isotropic random
# 384-d unit vectors, the data `bench -- ann --data random` draws the same way; used to tell a defect in our graph
# from the difficulty of the data (HighDimensionalRecallTests take their floors from it).
# Usage: apt-get install python3-hnswlib && /usr/bin/python3 reference_recall.py 20000 64,128,256,512
import hnswlib, numpy as np, sys, time
n=int(sys.argv[1]) if len(sys.argv)>1 else 20000; d=384; nq=200
rng=np.random.default_rng(11)
x=rng.standard_normal((n,d)).astype(np.float32); x/=np.linalg.norm(x,axis=1,keepdims=True)
q=rng.standard_normal((nq,d)).astype(np.float32); q/=np.linalg.norm(q,axis=1,keepdims=True)
truth=np.argsort(-(q@x.T),axis=1)[:,:10]
p=hnswlib.Index(space='ip',dim=d); p.init_index(max_elements=n,ef_construction=128,M=16,random_seed=100)
p.set_num_threads(1); t=time.time(); p.add_items(x); print("build vec/s", n/(time.time()-t))
for ef in [int(e) for e in sys.argv[2].split(",")]:
    p.set_ef(ef); l,_=p.knn_query(q,k=10)
    print(ef, np.mean([len(set(a)&set(b))/10 for a,b in zip(l,truth)]))

import numpy as np, sys
d = np.loadtxt(sys.argv[1], delimiter=',')
X = d[:, 6:]; X = (X - X.mean(0)) / (X.std(0) + 1e-6)
def mlp(y, name):
    y = y.astype(int); y -= y.min(); k = y.max() + 1
    n = int(len(X) * 5 / 6); Xtr, Xte, ytr, yte = X[:n], X[n:], y[:n], y[n:]
    rng = np.random.default_rng(0); H = 256
    P = [rng.normal(0, 1/np.sqrt(X.shape[1]), (X.shape[1], H)), np.zeros(H), rng.normal(0, 1/np.sqrt(H), (H, k)), np.zeros(k)]
    M = [np.zeros_like(p) for p in P]; V = [np.zeros_like(p) for p in P]
    Y = np.eye(k)[ytr]
    for it in range(1, 3001):
        idx = rng.integers(0, n, 256); x = Xtr[idx]
        h = np.maximum(x @ P[0] + P[1], 0); z = h @ P[2] + P[3]; z -= z.max(1, keepdims=True); p = np.exp(z); p /= p.sum(1, keepdims=True)
        g = (p - Y[idx]) / 256
        gW2 = h.T @ g; gb2 = g.sum(0); gh = g @ P[2].T * (h > 0); gW1 = x.T @ gh; gb1 = gh.sum(0)
        for j, gr in enumerate([gW1 + 1e-4 * P[0], gb1, gW2 + 1e-4 * P[2], gb2]):
            M[j] = 0.9 * M[j] + 0.1 * gr; V[j] = 0.999 * V[j] + 0.001 * gr * gr
            P[j] -= 1e-3 * (M[j] / (1 - 0.9**it)) / (np.sqrt(V[j] / (1 - 0.999**it)) + 1e-8)
    h = np.maximum(Xte @ P[0] + P[1], 0); acc = ((h @ P[2] + P[3]).argmax(1) == yte).mean()
    htr = np.maximum(Xtr @ P[0] + P[1], 0); acctr = ((htr @ P[2] + P[3]).argmax(1) == ytr).mean()
    print(name, 'test', round(acc, 3), 'train', round(acctr, 3))
for i, name in enumerate(['kind', 'colour', 'size', 'position', 'count', 'style']):
    mlp(d[:, i], name)

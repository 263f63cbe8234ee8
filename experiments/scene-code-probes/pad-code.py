"""Try pp: pads a PWBH half-float weights file (HalfWeights), named tensors grown along one axis,
the new part zero or random with the old part's spread (numpy only). The grown 512-number code
and prior of try pp:

  pad-code.py SHIPPED/code.params G/code.params enc.out.weight:0:512:random enc.out.bias:0:512:zero dec.in.weight:1:512:zero
  pad-code.py SHIPPED/diffusion.params G/diffusion.params in.weight:1:512:zero out.weight:0:512:zero out.bias:0:512:zero

(code-directions.bin padded with zeros to 512 and the card's sha256 rewritten by hand.)
"""
import struct, sys, numpy as np

def read(path):
    b = open(path, 'rb').read(); o = 0
    magic, ver = struct.unpack('>iB', b[o:o+5]); o += 5
    (n,) = struct.unpack('>i', b[o:o+4]); o += 4
    out = []
    for _ in range(n):
        (ln,) = struct.unpack('>H', b[o:o+2]); o += 2
        name = b[o:o+ln].decode(); o += ln
        (nd,) = struct.unpack('>i', b[o:o+4]); o += 4
        shape = struct.unpack('>' + 'q' * nd, b[o:o+8*nd]); o += 8 * nd
        (nb,) = struct.unpack('>i', b[o:o+4]); o += 4
        arr = np.frombuffer(b[o:o+nb], dtype='<f2').reshape(shape).astype(np.float32); o += nb
        out.append((name, arr))
    assert o == len(b)
    return out

def write(path, params):
    with open(path, 'wb') as f:
        f.write(struct.pack('>iBi', 0x50574248, 1, len(params)))
        for name, arr in params:
            nb = name.encode()
            f.write(struct.pack('>H', len(nb))); f.write(nb)
            f.write(struct.pack('>i', arr.ndim)); f.write(struct.pack('>' + 'q' * arr.ndim, *arr.shape))
            raw = arr.astype('<f2').tobytes()
            f.write(struct.pack('>i', len(raw))); f.write(raw)

if __name__ == '__main__':
    # pad.py IN OUT name:axis:newsize:zero|random ...
    src, dst = sys.argv[1], sys.argv[2]
    rules = {r.split(':')[0]: r.split(':')[1:] for r in sys.argv[3:]}
    rng = np.random.default_rng(80)
    params = read(src)
    res = []
    for name, arr in params:
        if name in rules:
            axis, size, how = int(rules[name][0]), int(rules[name][1]), rules[name][2]
            shape = list(arr.shape); extra = size - shape[axis]; shape[axis] = extra
            new = np.zeros(shape, np.float32) if how == 'zero' else rng.normal(0, arr.std(), shape).astype(np.float32)
            print(name, arr.shape, '->', end=' ')
            arr = np.concatenate([arr, new], axis=axis); print(arr.shape, how)
        res.append((name, arr))
    write(dst, res)

# PyTorch peer of bench/seed-synthetic.ts: the seed workload on random data of the same shapes, as
# a hand-written loop (SGD 0.01, batch 32, 55,000 train + 5,000 validation, float32), 1 and 2 threads.
import time, torch
torch.manual_seed(0)
x = torch.rand(55000, 784); y = torch.randint(0, 10, (55000,))
xv = torch.rand(5000, 784); yv = torch.randint(0, 10, (5000,))
for threads in (1, 2):
    torch.set_num_threads(threads)
    times = []
    for rep in range(3):
        model = torch.nn.Sequential(torch.nn.Linear(784, 300), torch.nn.ReLU(), torch.nn.Linear(300, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        lossf = torch.nn.CrossEntropyLoss()
        t0 = time.perf_counter()
        perm = torch.randperm(55000)
        for i in range(0, 55000, 32):
            idx = perm[i:i + 32]
            opt.zero_grad(set_to_none=True)
            loss = lossf(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        with torch.no_grad():
            for i in range(0, 5000, 32):
                lossf(model(xv[i:i + 32]), yv[i:i + 32])
        if rep > 0:
            times.append(time.perf_counter() - t0)
    times.sort()
    print(f"torch {torch.__version__} {threads}T: {times[len(times)//2]:.3f} s/epoch ({times[0]:.3f}-{times[-1]:.3f})", flush=True)

import time

print("syncing inventory from the warehouse feed", flush=True)
while True:
    time.sleep(60)
